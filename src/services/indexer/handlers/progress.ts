// A participant's progress after an accepted status update: the rule of StatusRules._record (and
// _fail) in JobMarket's libraries, so the indexed progress equals what getProgress returns.
import { ALL } from "../../../protocol/constants.ts";
import { JobType, Role, Status, TaskType } from "../../../protocol/enums.ts";

export interface StatusReport {
  taskType: number;
  epoch: number;
  batch: number;
  status: number;
}

export interface Progress {
  completedEpochs: bigint;
  partComplete: boolean;
  failed: boolean;
}

export function progressAfter(
  before: Progress,
  report: StatusReport,
  role: number,
  jobType: number,
  /** The job's epochs; null when its order's terms are unknown. */
  totalEpochs: bigint | null,
): Progress {
  if (report.status === Status.Failed) return { ...before, failed: true };
  let completedEpochs = before.completedEpochs;
  const wholeDone = report.epoch === ALL && report.status === Status.Completed;
  if (report.taskType === TaskType.Training && report.batch === ALL && report.status === Status.Completed) {
    const completed = wholeDone ? totalEpochs : BigInt(report.epoch) + 1n;
    if (completed !== null && completed > completedEpochs) completedEpochs = completed;
  }
  const finalTask =
    role === Role.MPC && jobType === JobType.Horizontal ? TaskType.Aggregation : TaskType.Training;
  const partComplete = before.partComplete || (wholeDone && report.taskType === finalTask);
  return { completedEpochs, partComplete, failed: before.failed };
}
