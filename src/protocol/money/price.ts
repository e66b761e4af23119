// The price of a job (docs/rules.md §3), in bigint smallest units, rounding down like FeeMath.sol.
import { BPS } from "../constants.ts";
import { JobType } from "../enums.ts";

/** The price of a job, field for field as the contract's priceOf returns it. */
export interface PriceBreakdown {
  /** sum of p_i * F */
  doFees: bigint;
  /** fee of each MPC: m (Horizontal) or m * N * F (Vertical) */
  mpcFee: bigint;
  mpcFees: bigint;
  /** gdsFeeBps of (doFees + mpcFees) */
  gdsFee: bigint;
  total: bigint;
  /** C = doFees, locked by every DO and MPC */
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

/** The fee of each MPC: m (Horizontal) or m * N * F (Vertical). */
export function mpcFee(
  jobType: number,
  mpcPrice: bigint,
  doCount: number,
  modelComplexityFactor: number,
): bigint {
  return jobType === JobType.Horizontal
    ? mpcPrice
    : mpcPrice * BigInt(doCount) * BigInt(modelComplexityFactor);
}

/** The whole price from the DO prices (the contract's priceOf). */
export function priceOf(p: PriceInputs): PriceBreakdown {
  const doFees = p.doPrices.reduce((sum, price) => sum + doFee(price, p.modelComplexityFactor), 0n);
  const each = mpcFee(p.jobType, p.mpcPrice, p.doPrices.length, p.modelComplexityFactor);
  const mpcFees = each * BigInt(p.mpcCount);
  const gdsFee = ((doFees + mpcFees) * BigInt(p.gdsFeeBps)) / BPS;
  return { doFees, mpcFee: each, mpcFees, gdsFee, total: doFees + mpcFees + gdsFee, collateral: doFees };
}

/** The worked example of docs/rules.md §6: 10 DOs at 1,000, 2 MPCs at 500, Horizontal, a 10 % GDS fee. */
export const WORKED_EXAMPLE_PRICE: PriceInputs = {
  jobType: 0,
  doPrices: Array<bigint>(10).fill(1000n),
  modelComplexityFactor: 1,
  mpcCount: 2,
  mpcPrice: 500n,
  gdsFeeBps: 1000,
};
