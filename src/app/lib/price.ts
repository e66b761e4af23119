import { JobState, JobType } from "../../protocol/enums.ts";
import type { JobView } from "../../protocol/views.ts";

const BPS = 10_000n;

/** The price of a job, field for field as the contract's priceOf returns it (SPEC.md §3). */
export interface PriceBreakdown {
  doFees: bigint;
  mpcFee: bigint;
  mpcFees: bigint;
  gdsFee: bigint;
  total: bigint;
  collateral: bigint;
}

export interface PriceInputs {
  jobType: number;
  doPrices: readonly bigint[];
  modelComplexityFactor: number;
  mpcCount: number;
  mpcPrice: bigint;
  gdsFeeBps: number;
}

/** The fee of one DO: p_i * F. */
export function doFee(price: bigint, modelComplexityFactor: number): bigint {
  return price * BigInt(modelComplexityFactor);
}

/** SPEC.md §3 in bigint, rounding down exactly like the contract. */
export function priceOf(p: PriceInputs): PriceBreakdown {
  const factor = BigInt(p.modelComplexityFactor);
  const doFees = p.doPrices.reduce((sum, price) => sum + doFee(price, p.modelComplexityFactor), 0n);
  const mpcFee =
    p.jobType === JobType.Horizontal ? p.mpcPrice : p.mpcPrice * BigInt(p.doPrices.length) * factor;
  const mpcFees = mpcFee * BigInt(p.mpcCount);
  const gdsFee = ((doFees + mpcFees) * BigInt(p.gdsFeeBps)) / BPS;
  return { doFees, mpcFee, mpcFees, gdsFee, total: doFees + mpcFees + gdsFee, collateral: doFees };
}

/**
 * What cancelJob costs the QC now, as the contract's cancellationFineOf computes it (FeeMath):
 * cancelFineBps of the total once dispatched, nothing before (journey 4 compares it with the chain).
 */
export function cancellationFine(job: Pick<JobView, "state" | "totalPrice" | "params">): bigint {
  if (job.state !== JobState.Dispatched) return 0n;
  return (job.totalPrice * BigInt(job.params.cancelFineBps)) / BPS;
}
