import { ALL } from "./constants.ts";
import { Status, TaskType } from "./enums.ts";

/**
 * The gas limit to send for an estimate: a quarter more plus 20k, as wallets do. A node estimates
 * against the latest block but the transaction runs in the next one, so a write that stores
 * block.number over an older value costs more than estimated. Every write of the app, the services
 * and the tools goes through this one margin.
 */
export function withGasMargin(estimate: bigint): bigint {
  return estimate + estimate / 4n + 20_000n;
}

/** The fixed part of settlingGasAllowance: the update itself, the job's records, the GDS's credit. */
export const SETTLEMENT_GAS_BASE = 150_000n;
/** Per participant of the job: its credit, its collateral unlocked, its place in the events (docs/rules.md §10: ≤ 15,000). */
export const SETTLEMENT_GAS_PER_PARTICIPANT = 15_000n;

/**
 * The gas a final completion is sent with, at least: the cost of settling a job of `participants`
 * DOs and MPCs (docs/rules.md §13). A final completion settles the job whenever it is the last one
 * to land, and two participants finishing together both estimate before either is mined: each
 * estimate then prices a plain update (~50k) and the one mined second runs out of gas. Measured on
 * the release-2 contract (settling update, Horizontal and Vertical alike): 2 participants 129k,
 * 10: 189k, 18: 264k, 36: 437k, 72: 784k, i.e. about 90k + 9.7k per participant; this allowance
 * keeps a third above that at every size.
 */
export function settlementGasAllowance(participants: number): bigint {
  return SETTLEMENT_GAS_BASE + SETTLEMENT_GAS_PER_PARTICIPANT * BigInt(Math.max(0, participants));
}

/** A status tuple as the contract takes it. */
interface StatusLike {
  taskType: number;
  epoch: number;
  batch: number;
  status: number;
}

/**
 * Whether a status update is a final completion, (Training or Aggregation, ALL, ALL, Completed): the
 * one update that may settle the job. (PSI, ALL, ALL, Completed) only ends a stage.
 */
export function isFinalCompletion(s: StatusLike): boolean {
  return s.taskType !== TaskType.PSI && s.epoch === ALL && s.batch === ALL && s.status === Status.Completed;
}

/** The job id of an `updateJobStatus` call whose status is a final completion, else undefined. */
export function finalCompletionJob(call: {
  functionName: string;
  args: readonly unknown[];
}): string | undefined {
  if (call.functionName !== "updateJobStatus") return undefined;
  const [id, status] = call.args as [string, StatusLike | undefined];
  return status && isFinalCompletion(status) ? id : undefined;
}

/**
 * The gas limit of a write: the estimate with its margin, and for a final completion of a job of
 * `participants` at least the settlement's allowance.
 */
export function gasLimitFor(estimate: bigint, settlingParticipants?: number): bigint {
  const margin = withGasMargin(estimate);
  if (settlingParticipants === undefined) return margin;
  const allowance = settlementGasAllowance(settlingParticipants);
  return allowance > margin ? allowance : margin;
}
