// When the node heartbeats (docs/rules.md §5, §13): once the head reaches lastSeen + timeoutBlocks -
// max(1, timeoutBlocks / 4) in any job that can still time this node out, with each job's own
// snapshotted timeoutBlocks. A status update refreshes lastSeen too, so a job whose updates keep
// coming never asks for one; one heartbeat refreshes every job at once.

export interface LivenessFacts {
  id: string;
  timeoutBlocks: number;
  /** max(last heartbeat, last status update in the job, dispatch block), from getProgress. */
  lastSeen: bigint;
  /** Dispatched and this node's part neither complete nor failed: the job can time it out. */
  exposed: boolean;
  /** One of our status updates for this job is in flight: it refreshes lastSeen when mined. */
  updateInFlight: boolean;
}

/** Blocks before the deadline at which the heartbeat is due: max(1, timeoutBlocks / 4). */
export function heartbeatMargin(timeoutBlocks: number): bigint {
  return BigInt(Math.max(1, Math.floor(timeoutBlocks / 4)));
}

/** The block from which a job asks for a heartbeat. */
export function heartbeatDueAt(job: Pick<LivenessFacts, "timeoutBlocks" | "lastSeen">): bigint {
  return job.lastSeen + BigInt(job.timeoutBlocks) - heartbeatMargin(job.timeoutBlocks);
}

/**
 * The jobs that need a heartbeat at `head`. A job whose status update is in flight waits for it,
 * unless the head is one block from its deadline (the update may be the one that stays unmined).
 */
export function jobsNeedingHeartbeat(head: bigint, jobs: readonly LivenessFacts[]): LivenessFacts[] {
  return jobs.filter((job) => {
    if (!job.exposed || head < heartbeatDueAt(job)) return false;
    const lastSafe = job.lastSeen + BigInt(job.timeoutBlocks) - 1n;
    return !job.updateInFlight || head >= lastSafe;
  });
}

/** The first block at which any exposed job will ask for a heartbeat (for the status line). */
export function nextHeartbeatAt(jobs: readonly LivenessFacts[]): bigint | undefined {
  let next: bigint | undefined;
  for (const job of jobs) {
    if (!job.exposed) continue;
    const at = heartbeatDueAt(job);
    if (next === undefined || at < next) next = at;
  }
  return next;
}
