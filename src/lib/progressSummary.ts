import { Role } from "./enums.ts";
import type { ParticipantView } from "./views.ts";

export interface ProgressSummary {
  dos: number;
  mpcs: number;
  complete: number;
  timedOut: number;
  failed: number;
  /** The slowest participant's completed epochs: the job is at least this far. */
  minEpochs: number;
  text: string;
}

/** One line of progress for a job row: parts complete, slowest epoch count, trouble. */
export function progressSummary(
  participants: readonly ParticipantView[] | undefined,
  totalEpochs: number,
): ProgressSummary | undefined {
  if (!participants) return undefined;
  const dos = participants.filter((p) => p.role === Role.DO).length;
  const complete = participants.filter((p) => p.partComplete).length;
  const timedOut = participants.filter((p) => p.timedOut).length;
  const failed = participants.filter((p) => p.failed).length;
  const minEpochs = participants.length ? Math.min(...participants.map((p) => p.completedEpochs)) : 0;
  const trouble = [timedOut && `${timedOut} timed out`, failed && `${failed} failed`]
    .filter(Boolean)
    .join(", ");
  const text = `${complete}/${participants.length} done · epochs ${minEpochs}/${totalEpochs}${trouble ? ` · ${trouble}` : ""}`;
  return { dos, mpcs: participants.length - dos, complete, timedOut, failed, minEpochs, text };
}
