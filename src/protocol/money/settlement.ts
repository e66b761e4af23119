// What each way a job ends moves, to the wei and in the order the contract emits it
// (SettlementLogic.sol; docs/rules.md §4, §6, §8). The app's previews, the watcher, the seed, the
// contract tests and the browser journeys all read settlements from here.
import type { Address } from "viem";
import { FailureReason, Role } from "../enums.ts";
import {
  abortCompensation,
  cancellationFine,
  fineOf,
  proportional,
  scaledCompensation,
  splitRemainder,
  type Shares,
} from "./rules.ts";

/** A participant as a settlement sees it: DOs first (in order), then the current MPCs. */
export interface SettlementMember {
  account: Address;
  role: number;
  fee: bigint;
  /** used when settled by settleAbort */
  completedEpochs?: number;
}

/** An offender and the reason of its fine (SelfReported, HeartbeatTimeout, NonCompliantResult). */
export interface OffenderMark {
  account: Address;
  reason: number;
}

export interface Credit {
  account: Address;
  amount: bigint;
}

export interface Fine {
  account: Address;
  amount: bigint;
  reason: number;
}

/**
 * A settlement: `credits` is RewardDistributed (participants in member order, then the GDS; zero
 * credits left out), `refund` the QC's Refund, `fines` one Fined per offender (in member order),
 * `released` each CollateralReleased (collateral minus fine, zero left out). A judgement's settlement
 * also returns its bond: `bondReleased` back to the GDS (BondReleased), `bondForfeited` inside `credits`.
 */
export interface SettlementOutcome {
  credits: Credit[];
  refund: bigint;
  fines: Fine[];
  released: Credit[];
  gdsCredit: bigint;
  bondReleased?: bigint;
  bondForfeited?: bigint;
}

export interface JobMoney {
  gds: Address;
  collateral: bigint;
  totalPrice: bigint;
  /** what the QC has paid into the job */
  paid: bigint;
}

export class OutcomeBuilder {
  readonly credits: Credit[] = [];
  readonly fines: Fine[] = [];
  readonly released: Credit[] = [];
  total = 0n;

  credit(account: Address, amount: bigint): void {
    if (amount === 0n) return;
    this.credits.push({ account, amount });
    this.total += amount;
  }
  release(account: Address, amount: bigint): void {
    if (amount > 0n) this.released.push({ account, amount });
  }
  finish(gds: Address, gdsCredit: bigint, refund: bigint): SettlementOutcome {
    this.credit(gds, gdsCredit);
    return { credits: this.credits, refund, fines: this.fines, released: this.released, gdsCredit };
  }
}

/** Happy path: every participant its fee, the GDS the rest of the total, the QC its overpayment. */
export function settleCompleted(job: JobMoney, members: readonly SettlementMember[]): SettlementOutcome {
  const out = new OutcomeBuilder();
  for (const m of members) {
    out.credit(m.account, m.fee);
    out.release(m.account, job.collateral);
  }
  return out.finish(job.gds, job.totalPrice - out.total, job.paid - job.totalPrice);
}

/** A cancellation: before dispatch a full refund; after it the QC's fine shared by fee (rule 6). */
export function settleCancelled(
  job: JobMoney & { dispatched: boolean; cancelFineBps: number },
  members: readonly SettlementMember[],
): SettlementOutcome {
  const out = new OutcomeBuilder();
  if (!job.dispatched) {
    for (const m of members) out.release(m.account, job.collateral);
    return out.finish(job.gds, 0n, job.paid);
  }
  const fine = cancellationFine(job.totalPrice, job.cancelFineBps);
  for (const m of members) {
    out.credit(m.account, proportional(fine, m.fee, job.totalPrice));
    out.release(m.account, job.collateral);
  }
  return out.finish(job.gds, fine - out.total, job.paid - fine);
}

export interface FailureTerms {
  selfReportFineBps: number;
  detectedFineBps: number;
  /** the job type's penalty shares: GDS, MPCs, DOs */
  shares: Shares;
  /** settleAbort: good DOs are owed fee * completedEpochs / totalEpochs; otherwise their full fee */
  byEpochs: boolean;
  totalEpochs: number;
}

/**
 * A failure settlement (rules 1-4): each offender fined floor(fineBps * C / k), the QC refunded all it
 * paid, the good DOs compensated first from the fine pool (shrunk in proportion if it is short), the
 * remainder split by the shares, the GDS taking its share and every rounding dust. `bonus` adds to a
 * good member's credit (its share of a forfeited judgement bond, docs/rules.md §11.7).
 */
export function settleFailure(
  job: JobMoney,
  members: readonly SettlementMember[],
  offenders: readonly OffenderMark[],
  terms: FailureTerms,
  bonus: ReadonlyMap<string, bigint> = new Map(),
): SettlementOutcome {
  const reasonOf = new Map(offenders.map((o) => [o.account.toLowerCase(), o.reason]));
  const k = members.filter((m) => reasonOf.has(m.account.toLowerCase())).length;
  if (k === 0) throw new RangeError("A failure settlement needs an offender among the members");
  const selfFine = fineOf(job.collateral, terms.selfReportFineBps, k);
  const detectedFine = fineOf(job.collateral, terms.detectedFineBps, k);
  const fineFor = (reason: number) => (reason === FailureReason.SelfReported ? selfFine : detectedFine);

  let pool = 0n;
  let totalOwed = 0n;
  let doWeight = 0n;
  let mpcWeight = 0n;
  const owed = new Map<SettlementMember, bigint>();
  for (const m of members) {
    const reason = reasonOf.get(m.account.toLowerCase());
    if (reason !== undefined) pool += fineFor(reason);
    else if (m.role === Role.DO) {
      const o = terms.byEpochs ? abortCompensation(m.fee, m.completedEpochs ?? 0, terms.totalEpochs) : m.fee;
      owed.set(m, o);
      totalOwed += o;
      doWeight += m.fee;
    } else mpcWeight += m.fee;
  }
  const split =
    totalOwed <= pool
      ? splitRemainder(pool - totalOwed, terms.shares, mpcWeight, doWeight)
      : { gdsPart: 0n, mpcPart: 0n, doPart: 0n, qcPart: 0n };

  const out = new OutcomeBuilder();
  let bonuses = 0n; // forfeited bond credited with the rest: not the job's money
  for (const m of members) {
    const reason = reasonOf.get(m.account.toLowerCase());
    if (reason !== undefined) {
      const fine = fineFor(reason);
      out.fines.push({ account: m.account, amount: fine, reason });
      out.release(m.account, job.collateral - fine);
      continue;
    }
    const share = bonus.get(m.account.toLowerCase()) ?? 0n;
    bonuses += share;
    const credit =
      share +
      (m.role === Role.DO
        ? scaledCompensation(owed.get(m)!, pool, totalOwed) + proportional(split.doPart, m.fee, doWeight)
        : proportional(split.mpcPart, m.fee, mpcWeight));
    out.credit(m.account, credit);
    out.release(m.account, job.collateral);
  }
  return out.finish(job.gds, pool - split.qcPart - (out.total - bonuses), job.paid + split.qcPart);
}

/** The sum of a list of credits (or fines). */
export function sumOf(items: readonly { amount: bigint }[]): bigint {
  return items.reduce((sum, item) => sum + item.amount, 0n);
}

/** What `account` gets in a settlement's credits (0 when it is not credited). */
export function creditOf(outcome: SettlementOutcome, account: Address): bigint {
  const key = account.toLowerCase();
  return sumOf(outcome.credits.filter((c) => c.account.toLowerCase() === key));
}

/** What `account` is fined in a settlement (0 when it is not an offender). */
export function fineOfAccount(outcome: SettlementOutcome, account: Address): bigint {
  const key = account.toLowerCase();
  return sumOf(outcome.fines.filter((f) => f.account.toLowerCase() === key));
}
