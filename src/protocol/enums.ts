// The numeric enums of docs/rules.md §8, named once for the app, the services and the tools.
import { ALL } from "./constants.ts";

export { ALL };

export const JobState = {
  None: 0,
  Ordered: 1,
  Dispatched: 2,
  Aborting: 3,
  Completed: 4,
  Failed: 5,
  Cancelled: 6,
  Judged: 7,
  Challenged: 8,
} as const;
export const jobStateNames = [
  "None",
  "Ordered",
  "Dispatched",
  "Aborting",
  "Completed",
  "Failed",
  "Cancelled",
  "Judged",
  "Challenged",
] as const;

export const JobType = { Horizontal: 0, Vertical: 1 } as const;
export const jobTypeNames = ["Horizontal", "Vertical"] as const;

export const Role = { None: 0, DO: 1, MPC: 2 } as const;
export const roleNames = ["Not registered", "DO", "MPC"] as const;

export const TaskType = { Training: 0, PSI: 1, Aggregation: 2 } as const;
export const taskTypeNames = ["Training", "PSI", "Aggregation"] as const;

export const Status = { Started: 0, InProgress: 1, Completed: 2, Failed: 3 } as const;
export const statusNames = ["Started", "In progress", "Completed", "Failed"] as const;

export const FailureReason = { SelfReported: 0, HeartbeatTimeout: 1, NonCompliantResult: 2 } as const;
export const failureReasonNames = ["Self-reported", "Heartbeat timeout", "Non-compliant result"] as const;

function nameOf(names: readonly string[], value: number | bigint): string {
  return names[Number(value)] ?? `Unknown (${value})`;
}

export const jobStateName = (state: number) => nameOf(jobStateNames, state);
export const jobTypeName = (jobType: number) => nameOf(jobTypeNames, jobType);
export const roleName = (role: number) => nameOf(roleNames, role);
export const taskTypeName = (taskType: number) => nameOf(taskTypeNames, taskType);
export const statusName = (status: number) => nameOf(statusNames, status);
export const failureReasonName = (reason: number) => nameOf(failureReasonNames, reason);

/** Settled jobs hold no money any more. */
export function isSettled(state: number): boolean {
  return state === JobState.Completed || state === JobState.Failed || state === JobState.Cancelled;
}

/** "ALL" or the number, for epochs and batches. */
export function formatStep(value: number): string {
  return value === ALL ? "ALL" : String(value);
}

export interface StatusTuple {
  taskType: number;
  epoch: number;
  batch: number;
  status: number;
}

/** e.g. "Training · epoch 2 · batch ALL · Completed". */
export function formatStatus(s: StatusTuple): string {
  return `${taskTypeName(s.taskType)} · epoch ${formatStep(s.epoch)} · batch ${formatStep(s.batch)} · ${statusName(s.status)}`;
}
