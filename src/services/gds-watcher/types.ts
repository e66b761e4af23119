// The watcher's view of the chain (one scan) and the actions it decides on. Plain data, so the
// decision is a pure function that unit tests drive without a chain.
import type { Address, Hex } from "viem";
import type { FailureReason } from "../../protocol/enums.ts";

export interface ParticipantSnapshot {
  account: Address;
  /** 1 DO, 2 MPC. */
  role: number;
  lastSeen: bigint;
  /** The contract's own verdict (getProgress), evaluated at the scanned block. */
  timedOut: boolean;
}

export interface JobSnapshot {
  id: Hex;
  state: number;
  orderedAt: bigint;
  abortedAt: bigint;
  timeoutBlocks: bigint;
  orderExpiryBlocks: bigint;
  abortGraceBlocks: bigint;
  /** A Judged job settles as upheld from this block (docs/rules.md §11.7); 0 until judged. */
  challengeDeadline: bigint;
  /** A Challenged job settles as overturned from this block; 0 until judged. */
  arbitrationDeadline: bigint;
  /** Empty unless the job is Dispatched (the only state where participants matter to the watcher). */
  participants: ParticipantSnapshot[];
}

export interface ChainSnapshot {
  blockNumber: bigint;
  /** Every job not yet settled (Completed, Failed or Cancelled). */
  jobs: JobSnapshot[];
}

export type WatcherAction =
  | {
      kind: "reportFailure";
      jobId: Hex;
      offenders: { account: Address; role: number; lastSeen: bigint }[];
      reason: typeof FailureReason.HeartbeatTimeout;
    }
  | { kind: "settleAbort"; jobId: Hex; abortedAt: bigint }
  | { kind: "cancelJob"; jobId: Hex; expiredAt: bigint }
  /** A judgement past its deadline: upheld (the window ended unchallenged) or overturned (no ruling in time). */
  | { kind: "settleJudgement"; jobId: Hex; deadline: bigint; outcome: "upheld" | "overturned" };
