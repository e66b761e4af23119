// The watcher's view of the chain (one scan) and the actions it decides on. Plain data, so the
// decision is a pure function that unit tests drive without a chain.
import type { Address, Hash, Hex } from "viem";

/** Job states as the contract numbers them (SPEC.md §4). */
export const JobState = {
  None: 0,
  Ordered: 1,
  Dispatched: 2,
  Aborting: 3,
  Completed: 4,
  Failed: 5,
  Cancelled: 6,
} as const;

export const JOB_STATE_NAMES = [
  "None",
  "Ordered",
  "Dispatched",
  "Aborting",
  "Completed",
  "Failed",
  "Cancelled",
];

/** A job that reached one of these never changes again: the watcher stops reading it. */
export function isFinalState(state: number): boolean {
  return state >= JobState.Completed;
}

/** Failure reasons of reportFailure / Fined (SPEC.md §8). */
export const FailureReason = { SelfReported: 0, HeartbeatTimeout: 1, NonCompliantResult: 2 } as const;

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
  /** Empty unless the job is Dispatched (the only state where participants matter to the watcher). */
  participants: ParticipantSnapshot[];
}

export interface ChainSnapshot {
  blockNumber: bigint;
  /** Every job not yet Completed, Failed or Cancelled. */
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
  | { kind: "cancelJob"; jobId: Hex; expiredAt: bigint };

/** A transaction the watcher sent and has not yet seen mined. Kept in memory only. */
export interface PendingAction {
  action: WatcherAction;
  hash: Hash;
  nonce: number;
  /** The gas limit it was sent with (a revert that used all of it ran out of gas). */
  gas: bigint;
  /** The block whose scan decided it. */
  decidedAt: bigint;
}
