// Contestable judgements (docs/rules.md §11.7): the bond a NonCompliantResult report locks, and what a
// judgement settles to when it is upheld (the window passed unchallenged, or the arbiter upheld
// everyone), partly overturned, or all overturned (by the arbiter, or its deadline passing unruled).
// Solidity twin: JudgementLogic.sol.
import type { Address } from "viem";
import { BPS } from "../constants.ts";
import { FailureReason } from "../enums.ts";
import { fineOf } from "./rules.ts";
import {
  OutcomeBuilder,
  settleFailure,
  type FailureTerms,
  type JobMoney,
  type OffenderMark,
  type SettlementMember,
  type SettlementOutcome,
} from "./settlement.ts";

/**
 * B = judgementBondBps x (the fines the judgement asks of the named: each floor(detectedFineBps x C / k))
 * / 10000, with k = the named plus every other participant timed out at the judgement block.
 */
export function judgementBond(
  collateral: bigint,
  detectedFineBps: number,
  named: number,
  k: number,
  judgementBondBps: number,
): bigint {
  return (BigInt(named) * fineOf(collateral, detectedFineBps, k) * BigInt(judgementBondBps)) / BPS;
}

/** A judgement as the chain holds it at settlement. */
export interface JudgementFacts {
  /** the participants the judgement named */
  named: readonly Address[];
  /** every participant timed out at the judgement block (named or not) */
  timedOut: readonly Address[];
  /** the bond the GDS locked */
  bond: bigint;
}

/** The ruling: every named participant upheld, or the ones in the list (the others are overturned). */
export type Ruling = "upheld" | readonly Address[];

const key = (a: string) => a.toLowerCase();

/**
 * The settlement of a judgement. Offenders: the upheld named participants (NonCompliantResult) plus
 * everyone timed out at the judgement block (HeartbeatTimeout; a named one that was timed out stays an
 * offender). With offenders it settles as a failure with them, good DOs owed their full fee; without, the
 * QC gets back all it paid and all collateral is released. The bond: B x overturned / named is forfeited
 * to the overturned participants that are not offenders, in equal shares (the dust to the first of them in
 * member order), listed in the credits; the rest goes back to the GDS (`bondReleased`), all of it when no
 * overturned participant is left to receive it.
 */
export function settleJudgement(
  job: JobMoney,
  members: readonly SettlementMember[],
  judgement: JudgementFacts,
  ruling: Ruling,
  terms: Omit<FailureTerms, "byEpochs">,
): SettlementOutcome {
  const named = new Set(judgement.named.map(key));
  const timedOut = new Set(judgement.timedOut.map(key));
  const upheld = new Set(ruling === "upheld" ? named : ruling.map(key));
  const offenders: OffenderMark[] = [];
  const recipients: SettlementMember[] = [];
  for (const m of members) {
    const a = key(m.account);
    if (named.has(a) && upheld.has(a))
      offenders.push({ account: m.account, reason: FailureReason.NonCompliantResult });
    else if (timedOut.has(a)) offenders.push({ account: m.account, reason: FailureReason.HeartbeatTimeout });
    else if (named.has(a)) recipients.push(m);
  }

  const overturned = BigInt(named.size - upheld.size);
  const forfeited = recipients.length === 0 ? 0n : (judgement.bond * overturned) / BigInt(named.size);
  const bonus = new Map<string, bigint>();
  if (recipients.length > 0) {
    const each = forfeited / BigInt(recipients.length);
    const dust = forfeited - each * BigInt(recipients.length);
    recipients.forEach((m, i) => bonus.set(key(m.account), each + (i === 0 ? dust : 0n)));
  }
  const bondFields = { bondReleased: judgement.bond - forfeited, bondForfeited: forfeited };

  if (offenders.length > 0) {
    return { ...settleFailure(job, members, offenders, { ...terms, byEpochs: false }, bonus), ...bondFields };
  }
  const out = new OutcomeBuilder();
  for (const m of members) {
    const share = bonus.get(key(m.account)) ?? 0n;
    out.credit(m.account, share);
    out.release(m.account, job.collateral);
  }
  return { ...out.finish(job.gds, 0n, job.paid), ...bondFields };
}
