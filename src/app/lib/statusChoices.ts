import { ALL, JobType, Role, Status, TaskType, type StatusTuple } from "../../protocol/enums.ts";
import type { Parsed } from "../../protocol/units.ts";

export interface ReporterContext {
  jobType: number;
  role: number; // 1 DO, 2 MPC
  totalEpochs: number;
  /** The last status this participant reported, if any. */
  last?: StatusTuple;
}

const psiDone = (s: StatusTuple | undefined) =>
  s !== undefined &&
  s.taskType === TaskType.PSI &&
  s.epoch === ALL &&
  s.batch === ALL &&
  s.status === Status.Completed;

/** The task types the contract accepts from this participant now (docs/rules.md §4). */
export function allowedTaskTypes(c: ReporterContext): number[] {
  if (c.jobType === JobType.Horizontal)
    return [c.role === Role.DO ? TaskType.Training : TaskType.Aggregation];
  // Vertical: PSI first; Training once (PSI, ALL, ALL, Completed) was reported, and never back.
  if (c.last?.taskType === TaskType.Training || psiDone(c.last)) return [TaskType.Training];
  return [TaskType.PSI];
}

/** Statuses a progress report may carry; Failed goes through the self-report action with its fine. */
export const progressStatuses = [Status.Started, Status.InProgress, Status.Completed] as const;

function stepRank(value: number): bigint {
  return value === ALL ? 1n << 32n : BigInt(value);
}

/** Whether `next` is at or ahead of `last` (stage, then epoch, then batch), as the contract requires. */
export function isNotBehind(next: StatusTuple, last: StatusTuple | undefined, jobType: number): boolean {
  if (!last) return true;
  const stage = (t: number) => (jobType === JobType.Vertical && t === TaskType.PSI ? 0 : 1);
  if (stage(next.taskType) !== stage(last.taskType)) return stage(next.taskType) > stage(last.taskType);
  if (next.epoch !== last.epoch) return stepRank(next.epoch) > stepRank(last.epoch);
  return stepRank(next.batch) >= stepRank(last.batch);
}

/** Checks a status form before it is sent: the allowed task, epoch range, ALL rules and no regression. */
export function validateStatus(next: StatusTuple, c: ReporterContext): Parsed<StatusTuple> {
  if (!allowedTaskTypes(c).includes(next.taskType))
    return { ok: false, error: "This task type is not accepted from you now." };
  if (next.taskType !== TaskType.PSI && next.epoch !== ALL && next.epoch >= c.totalEpochs) {
    return { ok: false, error: `Epoch must be below ${c.totalEpochs} or ALL.` };
  }
  if (next.epoch === ALL && next.batch !== ALL) return { ok: false, error: "Epoch ALL needs batch ALL." };
  if (!isNotBehind(next, c.last, c.jobType))
    return { ok: false, error: "This is behind what you already reported." };
  return { ok: true, value: next };
}
