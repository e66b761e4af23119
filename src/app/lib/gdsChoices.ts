import { sameAddress } from "../../protocol/address.ts";
import { JobState, Role } from "../../protocol/enums.ts";
import type { JobId } from "../../protocol/jobId.ts";
import type { JobView, NodeView, ParticipantView } from "../../protocol/views.ts";

export interface ReplaceableMpc {
  job: JobView;
  mpc: ParticipantView;
  why: string;
  participants: readonly ParticipantView[];
}

/** Current MPCs of dispatched jobs that replaceMpc accepts: a pending request, a Failed report or a timeout. */
export function replaceableMpcs(
  jobs: readonly JobView[],
  progress: ReadonlyMap<JobId, readonly ParticipantView[]> | undefined,
): ReplaceableMpc[] {
  const rows: ReplaceableMpc[] = [];
  for (const job of jobs) {
    if (job.state !== JobState.Dispatched) continue;
    const participants = progress?.get(job.id) ?? [];
    for (const p of participants) {
      if (p.role !== Role.MPC || p.partComplete) continue;
      const why = p.timedOut
        ? "timed out"
        : p.failed
          ? "reported a failure"
          : p.replacementRequested
            ? "replacement requested"
            : null;
      if (why) rows.push({ job, mpc: p, why, participants });
    }
  }
  return rows;
}

/**
 * MPC nodes that could replace one in `job`: not already in it, with the collateral free; the
 * freshest heartbeat first, then the most free stake (the likeliest to finish the job).
 */
export function replacementCandidates(
  job: JobView,
  participants: readonly ParticipantView[],
  nodes: readonly NodeView[],
): NodeView[] {
  return nodes
    .filter(
      (n) =>
        n.role === Role.MPC &&
        n.balance >= job.collateral &&
        !participants.some((p) => sameAddress(p.account, n.account)),
    )
    .sort((a, b) =>
      a.lastHeartbeat === b.lastHeartbeat
        ? b.balance > a.balance
          ? 1
          : b.balance < a.balance
            ? -1
            : 0
        : b.lastHeartbeat > a.lastHeartbeat
          ? 1
          : -1,
    );
}

/** Participants of dispatched jobs that are verifiably timed out: reportable by anyone in one click. */
export function timedOutParticipants(
  jobs: readonly JobView[],
  progress: ReadonlyMap<JobId, readonly ParticipantView[]> | undefined,
) {
  return jobs
    .filter((job) => job.state === JobState.Dispatched)
    .map((job) => ({ job, offenders: (progress?.get(job.id) ?? []).filter((p) => p.timedOut) }))
    .filter((row) => row.offenders.length > 0);
}
