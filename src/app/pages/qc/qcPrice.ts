import { Role } from "../../../protocol/enums.ts";
import { priceOf, type PriceBreakdown } from "../../lib/price.ts";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";

// The QC page derives the price from the job view and its progress (both read in bulk) instead of one
// priceOf / getParticipants call per job, with the contract's own formulas (src/lib/price.ts).

/**
 * The job's price item by item, as the contract's priceOf gives it for the job's own inputs: each
 * DO's price is its fee (p_i * F, exact) divided by the factor. Undefined until the DOs are known.
 */
export function priceFromProgress(
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
