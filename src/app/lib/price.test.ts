import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JobType } from "../../protocol/enums.ts";
import { cancellationFine, priceOf } from "./price.ts";
import { jobView } from "./testData.ts";

describe("priceOf (SPEC.md §3)", () => {
  it("prices the draft's worked example: 10 DOs at 1000, 2 MPCs at 500, GDS 10 %", () => {
    const price = priceOf({
      jobType: JobType.Horizontal,
      doPrices: Array(10).fill(1000n),
      modelComplexityFactor: 1,
      mpcCount: 2,
      mpcPrice: 500n,
      gdsFeeBps: 1000,
    });
    expect(price).toEqual({
      doFees: 10_000n,
      mpcFee: 500n,
      mpcFees: 1_000n,
      gdsFee: 1_100n,
      total: 12_100n,
      collateral: 10_000n,
    });
  });

  it("charges a vertical MPC m * N * F and rounds the GDS fee down", () => {
    const price = priceOf({
      jobType: JobType.Vertical,
      doPrices: [3n, 4n],
      modelComplexityFactor: 3,
      mpcCount: 2,
      mpcPrice: 5n,
      gdsFeeBps: 333,
    });
    // DO fees 9 + 12 = 21; MPC fee 5 * 2 * 3 = 30, twice = 60; GDS floor(81 * 333 / 10000) = 2.
    expect(price).toEqual({
      doFees: 21n,
      mpcFee: 30n,
      mpcFees: 60n,
      gdsFee: 2n,
      total: 83n,
      collateral: 21n,
    });
  });

  it("always adds up: total = DO fees + MPC fees + GDS fee, collateral = DO fees", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 24n }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 16 }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.integer({ min: 0, max: 10_000 }),
        (jobType, doPrices, factor, mpcCount, mpcPrice, gdsFeeBps) => {
          const p = priceOf({
            jobType,
            doPrices,
            modelComplexityFactor: factor,
            mpcCount,
            mpcPrice,
            gdsFeeBps,
          });
          expect(p.total).toBe(p.doFees + p.mpcFees + p.gdsFee);
          expect(p.collateral).toBe(p.doFees);
          expect(p.gdsFee * 10_000n <= (p.doFees + p.mpcFees) * BigInt(gdsFeeBps)).toBe(true);
        },
      ),
    );
  });
});

describe("cancellationFine", () => {
  it("is cancelFineBps of the total, rounded down, once dispatched", () => {
    expect(cancellationFine(jobView({ state: 2, totalPrice: 12_345n }))).toBe((12_345n * 6000n) / 10_000n);
  });

  it("is nothing before dispatch", () => {
    expect(cancellationFine(jobView({ state: 1, totalPrice: 12_345n }))).toBe(0n);
  });
});
