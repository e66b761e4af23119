// The watcher's decision: from one scan of the chain, what the GDS should do now. Pure: the same
// snapshot always gives the same actions, so a restarted watcher decides exactly what is left.
import { FailureReason, JobState } from "../../protocol/enums.ts";
import type { ChainSnapshot, WatcherAction } from "./types.ts";

export interface DecisionOptions {
  /** Blocks to wait after a self-reported failure before settling it (the GDS may settle at once). */
  settleDelayBlocks: bigint;
  /**
   * Whether the signer holds GDS_ROLE. Without it the watcher can still do what anyone may do:
   * report verified timeouts, settle after the grace, cancel expired orders and settle judgements
   * past their deadline.
   */
  signerIsGds: boolean;
  /**
   * Jobs not to act on now: those with a transaction of ours still in flight (never sent twice),
   * and those given up on after repeated reverts (see ActionSender).
   */
  skipJobs: ReadonlySet<string>;
}

/** The block from which the watcher settles an Aborting job. */
export function settleFromBlock(
  job: { abortedAt: bigint; abortGraceBlocks: bigint },
  options: Pick<DecisionOptions, "settleDelayBlocks" | "signerIsGds">,
): bigint {
  const delay = options.settleDelayBlocks;
  // Anyone may settle once the grace is over (docs/rules.md §6.5); only the GDS earlier.
  const wait = options.signerIsGds || delay > job.abortGraceBlocks ? delay : job.abortGraceBlocks;
  return job.abortedAt + wait;
}

export function decideActions(snapshot: ChainSnapshot, options: DecisionOptions): WatcherAction[] {
  const actions: WatcherAction[] = [];
  const block = snapshot.blockNumber;
  for (const job of snapshot.jobs) {
    if (options.skipJobs.has(job.id)) continue;
    if (job.state === JobState.Dispatched) {
      // Everyone the contract says is timed out, in one report: the contract would fine the others
      // anyway (docs/rules.md §6.1), and one transaction settles the job once.
      const offenders = job.participants
        .filter((p) => p.timedOut)
        .map((p) => ({ account: p.account, role: p.role, lastSeen: p.lastSeen }));
      if (offenders.length > 0) {
        actions.push({
          kind: "reportFailure",
          jobId: job.id,
          offenders,
          reason: FailureReason.HeartbeatTimeout,
        });
      }
    } else if (job.state === JobState.Aborting) {
      if (block >= settleFromBlock(job, options)) {
        actions.push({ kind: "settleAbort", jobId: job.id, abortedAt: job.abortedAt });
      }
    } else if (job.state === JobState.Judged) {
      // docs/rules.md §11.7: unchallenged when block >= challengeDeadline, it settles as upheld (anyone).
      if (block >= job.challengeDeadline)
        actions.push({
          kind: "settleJudgement",
          jobId: job.id,
          deadline: job.challengeDeadline,
          outcome: "upheld",
        });
    } else if (job.state === JobState.Challenged) {
      // Unruled when block >= arbitrationDeadline, it settles as overturned: no fine without a ruling.
      if (block >= job.arbitrationDeadline)
        actions.push({
          kind: "settleJudgement",
          jobId: job.id,
          deadline: job.arbitrationDeadline,
          outcome: "overturned",
        });
    } else if (job.state === JobState.Ordered) {
      const expiredAt = job.orderedAt + job.orderExpiryBlocks;
      // docs/rules.md §4: expired when block.number >= orderedAt + orderExpiryBlocks.
      if (block >= expiredAt) actions.push({ kind: "cancelJob", jobId: job.id, expiredAt });
    }
  }
  return actions;
}

/** What the status line counts: participants the contract says are timed out, not yet reported. */
export function countLateParticipants(snapshot: ChainSnapshot): number {
  let late = 0;
  for (const job of snapshot.jobs) {
    if (job.state !== JobState.Dispatched) continue;
    for (const p of job.participants) if (p.timedOut) late++;
  }
  return late;
}
