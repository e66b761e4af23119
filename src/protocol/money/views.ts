// The money model over the contract's views, for callers that read jobs in bulk (the QC page reads
// getJob and getProgress for every job, not one priceOf call per job): the same functions as the
// contract, fed from what the views say.
import { Role } from "../enums.ts";
import type { JobView, ParticipantView } from "../views.ts";
import { previewCancel, type JobFacts } from "./preview.ts";
import { priceOf, type PriceBreakdown } from "./price.ts";

/**
 * The job's price item by item, as the contract's priceOf gives it for the job's own inputs: each
 * DO's price is its fee (p_i * F, exact) divided by the factor. Undefined until the DOs are known.
 */
export function priceOfJob(
  job: Pick<JobView, "jobType" | "modelComplexityFactor" | "mpcCount" | "mpcPrice" | "params">,
  participants: readonly Pick<ParticipantView, "role" | "fee">[] | undefined,
): PriceBreakdown | undefined {
  const dos = participants?.filter((p) => p.role === Role.DO) ?? [];
  if (dos.length === 0) return undefined;
  const factor = BigInt(job.modelComplexityFactor);
  return priceOf({
    jobType: job.jobType,
    doPrices: dos.map((p) => p.fee / factor),
    modelComplexityFactor: job.modelComplexityFactor,
    mpcCount: job.mpcCount,
    mpcPrice: job.mpcPrice,
    gdsFeeBps: job.params.gdsFeeBps,
  });
}

export interface CancellationCost {
  /** What the QC loses: nothing before dispatch, cancelFineBps of the total after it. */
  fine: bigint;
  /** What the QC gets back of what it paid. */
  refund: bigint;
}

/** What cancelJob by the QC would cost it if mined now (its fine is shared by fee; the QC's side needs no participants). */
export function cancellationCost(job: JobFacts): CancellationCost {
  const { refund } = previewCancel(job, []);
  return { fine: job.paid - refund, refund };
}
