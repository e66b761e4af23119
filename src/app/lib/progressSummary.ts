import { JobType, Role } from "../../protocol/enums.ts";
import type { ParticipantView } from "../../protocol/views.ts";

export interface ProgressSummary {
  dos: number;
  mpcs: number;
  complete: number;
  timedOut: number;
  failed: number;
  /** The slowest trainer's completed epochs: the job is at least this far. */
  minEpochs: number;
  text: string;
}

/**
 * One line of progress for a job row: parts complete, slowest epoch count, trouble. Epochs count only
 * the participants that train: a Horizontal job's MPCs aggregate and never complete an epoch, so
 * counting them would show a finished job at epoch 0.
 */
export function progressSummary(
  participants: readonly ParticipantView[] | undefined,
  totalEpochs: number,
  jobType: number,
): ProgressSummary | undefined {
  if (!participants) return undefined;
  const dos = participants.filter((p) => p.role === Role.DO).length;
  const complete = participants.filter((p) => p.partComplete).length;
  const timedOut = participants.filter((p) => p.timedOut).length;
  const failed = participants.filter((p) => p.failed).length;
  const trainers =
    jobType === JobType.Horizontal ? participants.filter((p) => p.role === Role.DO) : participants;
  const minEpochs = trainers.length ? Math.min(...trainers.map((p) => p.completedEpochs)) : 0;
  const trouble = [timedOut && `${timedOut} timed out`, failed && `${failed} failed`]
    .filter(Boolean)
    .join(", ");
  const text = `${complete}/${participants.length} done · epochs ${minEpochs}/${totalEpochs}${trouble ? ` · ${trouble}` : ""}`;
  return { dos, mpcs: participants.length - dos, complete, timedOut, failed, minEpochs, text };
}
