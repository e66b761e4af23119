import type { JobId } from "../../protocol/jobId.ts";
import type { MarketLog } from "./marketLogs.ts";
import type { JobView } from "../../protocol/views.ts";

/** Ids of the jobs that logs touched (every job event carries the id), in first-seen order. */
export function jobIdsIn(logs: readonly MarketLog[]): JobId[] {
  const ids = new Set<JobId>();
  for (const log of logs) if ("id" in log.args && log.args.id) ids.add(log.args.id as JobId);
  return [...ids];
}

/**
 * The job list with `fresh` views applied: known jobs replaced in place, new ones appended in the
 * order given (the order they were placed in, as jobIdAt lists them). The input is not modified.
 */
export function mergeJobs(jobs: readonly JobView[], fresh: readonly JobView[]): JobView[] {
  const index = new Map(jobs.map((job, i) => [job.id, i]));
  const merged = [...jobs];
  for (const job of fresh) {
    if (job.state === 0) continue; // not a job (yet)
    const at = index.get(job.id);
    if (at === undefined) {
      index.set(job.id, merged.length);
      merged.push(job);
    } else merged[at] = job;
  }
  return merged;
}
