// Settlement previews from what the chain's views say now (getJob + getProgress): what a report, an
// abort, a self-report or a cancellation would move if it were mined at the block the views were read.
import type { Address } from "viem";
import { FailureReason, JobState, JobType, Role } from "../enums.ts";
import type { Shares } from "./rules.ts";
import { judgementBond, settleJudgement, type Ruling } from "./judgement.ts";
import {
  settleCancelled,
  settleFailure,
  type OffenderMark,
  type SettlementMember,
  type SettlementOutcome,
} from "./settlement.ts";

/** The fields of the contract's JobView a preview reads (a JobView fits). */
export interface JobFacts {
  state: number;
  jobType: number;
  gds: Address;
  collateral: bigint;
  totalPrice: bigint;
  paid: bigint;
  totalEpochs: number;
  abortReporter: Address;
  /** the bond of the job's judgement (0 until judged) */
  bond?: bigint;
  params: {
    selfReportFineBps: number;
    detectedFineBps: number;
    cancelFineBps: number;
    shares: readonly number[];
    judgementBondBps?: number;
  };
}

/** The fields of a ParticipantView a preview reads, DOs first then MPCs, as getProgress returns them. */
export interface ParticipantFacts {
  account: Address;
  role: number;
  fee: bigint;
  completedEpochs: number;
  /** now for a Dispatched job, at the abort block for an Aborting one, at the judgement block if judged */
  timedOut: boolean;
  /** named in the job's judgement */
  named?: boolean;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function members(participants: readonly ParticipantFacts[]): SettlementMember[] {
  return participants.map((p) => ({
    account: p.account,
    role: p.role,
    fee: p.fee,
    completedEpochs: p.completedEpochs,
  }));
}

function terms(job: JobFacts, byEpochs: boolean) {
  const [gds = 0, mpcs = 0, dos = 0] = job.params.shares;
  return {
    selfReportFineBps: job.params.selfReportFineBps,
    detectedFineBps: job.params.detectedFineBps,
    shares: [gds, mpcs, dos] as Shares,
    byEpochs,
    totalEpochs: job.totalEpochs,
  };
}

/** Offenders: the named ones with their reason, plus everyone else timed out (rule 1). */
function withTimedOut(
  participants: readonly ParticipantFacts[],
  named: readonly OffenderMark[],
): OffenderMark[] {
  const marks = [...named];
  for (const p of participants) {
    if (p.timedOut && !marks.some((o) => same(o.account, p.account))) {
      marks.push({ account: p.account, reason: FailureReason.HeartbeatTimeout });
    }
  }
  return marks;
}

/** reportFailure(id, offenders, reason) on a Dispatched job: good DOs get their full fee. */
export function previewReport(
  job: JobFacts,
  participants: readonly ParticipantFacts[],
  offenders: readonly Address[],
  reason: number,
): SettlementOutcome {
  const named = offenders.map((account) => ({ account, reason }));
  return settleFailure(job, members(participants), withTimedOut(participants, named), terms(job, false));
}

/**
 * settleAbort(id) on an Aborting job: the reporter (SelfReported, or HeartbeatTimeout when its report
 * came after its timeout held) plus everyone timed out at the abort block; good DOs paid by epochs.
 */
export function previewAbort(
  job: JobFacts,
  participants: readonly ParticipantFacts[],
  reporterWasLate = false,
): SettlementOutcome {
  const reason = reporterWasLate ? FailureReason.HeartbeatTimeout : FailureReason.SelfReported;
  const named = [{ account: job.abortReporter, reason }];
  return settleFailure(job, members(participants), withTimedOut(participants, named), terms(job, true));
}

/**
 * What `me` reporting Failed now would lead to once the abort is settled, or undefined when the
 * report does not abort the job (a Horizontal MPC's Failed report is a replacement request).
 */
export function previewSelfReport(
  job: JobFacts,
  participants: readonly ParticipantFacts[],
  me: Address,
): SettlementOutcome | undefined {
  const mine = participants.find((p) => same(p.account, me));
  if (!mine || job.state !== JobState.Dispatched) return undefined;
  if (job.jobType === JobType.Horizontal && mine.role === Role.MPC) return undefined;
  const others = participants.map((p) => (same(p.account, me) ? { ...p, timedOut: false } : p));
  const aborting = { ...job, abortReporter: mine.account };
  return previewAbort(aborting, others, mine.timedOut);
}

/** cancelJob(id) by the QC now: a full refund before dispatch, the fine after it. */
export function previewCancel(job: JobFacts, participants: readonly ParticipantFacts[]): SettlementOutcome {
  return settleCancelled(
    { ...job, dispatched: job.state === JobState.Dispatched, cancelFineBps: job.params.cancelFineBps },
    members(participants),
  );
}

/**
 * The bond the job's GDS needs to judge `named` non-compliant now (reportFailure with reason
 * NonCompliantResult on a Dispatched job): k counts the named plus everyone else timed out now.
 */
export function previewJudgementBond(
  job: JobFacts,
  participants: readonly ParticipantFacts[],
  named: readonly Address[],
): bigint {
  const k = participants.filter((p) => p.timedOut || named.some((n) => same(n, p.account))).length;
  return judgementBond(
    job.collateral,
    job.params.detectedFineBps,
    named.length,
    k,
    job.params.judgementBondBps ?? 0,
  );
}

/**
 * What a Judged or Challenged job settles to under `ruling` ("upheld": the window passed unchallenged or
 * the arbiter upheld everyone; a list: the named participants the arbiter upholds, [] when it overturns
 * all or its deadline passes unruled). `participants` as getProgress returns them for that job.
 */
export function previewJudgement(
  job: JobFacts,
  participants: readonly ParticipantFacts[],
  ruling: Ruling,
): SettlementOutcome {
  const judgement = {
    named: participants.filter((p) => p.named).map((p) => p.account),
    timedOut: participants.filter((p) => p.timedOut).map((p) => p.account),
    bond: job.bond ?? 0n,
  };
  const { byEpochs: _, ...failureTerms } = terms(job, false);
  return settleJudgement(job, members(participants), judgement, ruling, failureTerms);
}
