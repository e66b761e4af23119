import type { JobId } from "../../protocol/jobId.ts";
import type { JobView } from "../../protocol/views.ts";

/**
 * A settled job's line in a table, from either source: the chain's view, or the indexer's row (a
 * settled job's row is final, so no live read is needed to show it).
 */
export interface SettledJobRow {
  id: JobId;
  state: number;
  jobType: number;
  /** The block it settled in. */
  settledAt: bigint;
  /** The total once MPCs were assigned, else the quote; null when the indexer does not know the terms. */
  price: bigint | null;
}

export function settledRowOfView(job: JobView): SettledJobRow {
  return {
    id: job.id,
    state: job.state,
    jobType: job.jobType,
    settledAt: job.settledAt,
    price: job.mpcsAssigned ? job.totalPrice : job.quote,
  };
}
