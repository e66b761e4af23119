import { JobState } from "../../protocol/enums.ts";
import type { JobView, ParticipantView } from "../../protocol/views.ts";

type Participant = Pick<ParticipantView, "lastSeen" | "partComplete" | "timedOut">;
type JobFields = Pick<
  JobView,
  "state" | "mpcsAssigned" | "replacements" | "dispatchedAt" | "abortedAt" | "params"
>;

/** A job's progress as read, with the block it was read at and the job's lifecycle then. */
export interface ProgressRead<P extends Participant = ParticipantView> {
  participants: readonly P[];
  /** The latest block known when the read started: the read reflects at least this block. */
  readAt: bigint;
  lifecycle: string;
}

/** The job view fields that change who takes part and how they are judged. */
export function lifecycleOf(job: JobFields): string {
  return [job.state, job.mpcsAssigned, job.replacements, job.dispatchedAt, job.abortedAt].join(":");
}

/**
 * The first block at which a participant of a dispatched job could turn timed out without any
 * event (the contract's rule: block > lastSeen + timeoutBlocks, never once its part is complete).
 * Undefined when nothing can change by the passing of blocks alone.
 */
export function timeoutDueBlock(
  job: Pick<JobView, "state" | "params">,
  participants: readonly Participant[] | undefined,
): bigint | undefined {
  if (job.state !== JobState.Dispatched || !participants) return undefined;
  let due: bigint | undefined;
  for (const p of participants) {
    if (p.partComplete || p.timedOut) continue;
    const at = p.lastSeen + BigInt(job.params.timeoutBlocks) + 1n;
    if (due === undefined || at < due) due = at;
  }
  return due;
}

/**
 * Whether a progress read is still what the contract would return at `block`: the job's lifecycle
 * is the same, no log named the job or a participant after the read, and no timeout came due.
 * (Liveness ages are counted by the page from lastSeen, so they need no read.)
 */
export function isProgressCurrent<P extends Participant>(
  read: ProgressRead<P> | undefined,
  job: JobFields,
  touchedAt: bigint,
  block: bigint | undefined,
): boolean {
  if (!read || read.lifecycle !== lifecycleOf(job) || touchedAt > read.readAt) return false;
  const due = timeoutDueBlock(job, read.participants);
  return due === undefined || block === undefined || block < due;
}
