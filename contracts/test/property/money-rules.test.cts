// Differential tests, one per money rule: the TypeScript money model (src/protocol/money) against the
// contract's FeeMath (through the FeeMathHarness test helper, many inputs per eth_call) and the market's
// own priceOf, on random inputs from fast-check, edge cases included. Pure functions: they do not touch
// the payment asset, so they run once.
// Env: FEDPAY_DIFF_RUNS (default 50 batches of 50 inputs per rule).
import hre from "hardhat";
import { expect } from "chai";
import fc from "fast-check";
import {
  abortCompensation,
  cancellationFine,
  fineOf,
  priceOf,
  proportional,
  scaledCompensation,
  splitRemainder,
  type Shares,
} from "../../../src/protocol/money/index.ts";
import { worldFixture } from "../helpers/world.cjs";

const RUNS = Number(process.env.FEDPAY_DIFF_RUNS ?? 50);
const BATCH = 50;
const world = worldFixture();

const deployHarness = () => hre.viem.deployContract("FeeMathHarness");
type Harness = Awaited<ReturnType<typeof deployHarness>>;

/** Amounts: mostly small (dust and rounding), sometimes large; within the widths the market allows. */
const amount = (max: bigint) =>
  fc.oneof(
    { arbitrary: fc.bigInt({ min: 0n, max: 1_000n }), weight: 3 },
    { arbitrary: fc.bigInt({ min: 0n, max }), weight: 2 },
  );
const positive = (max: bigint) => amount(max).map((x) => (x === 0n ? 1n : x));
const bps = fc.oneof(fc.constantFrom(0, 1, 5000, 9999, 10000), fc.integer({ min: 0, max: 10_000 }));
const U88 = 2n ** 88n - 1n;
const U128 = 2n ** 128n - 1n;

/** Shares summing to 10000, often with zeros (a share group that takes nothing). */
const shares: fc.Arbitrary<Shares> = fc
  .oneof(
    fc.constantFrom<[number, number]>(
      [0, 0],
      [0, 10000],
      [10000, 10000],
      [1250, 5000],
      [0, 5000],
      [5000, 10000],
    ),
    fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 })),
  )
  .map(([a, b]) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return [lo, hi - lo, 10_000 - hi] as Shares;
  });

/** A weight of a share group: often 0 (the group has no good member). */
const weight = fc.oneof(
  { arbitrary: fc.constant(0n), weight: 1 },
  { arbitrary: positive(U128 >> 8n), weight: 2 },
);

/** Runs `check` on batches of inputs: the model's outputs must equal the harness's for every input. */
async function differential<I, O>(
  inputs: fc.Arbitrary<I>,
  onChain: (batch: I[]) => Promise<readonly O[]>,
  model: (input: I) => O,
  examples: I[] = [],
) {
  await fc.assert(
    fc.asyncProperty(fc.array(inputs, { minLength: 1, maxLength: BATCH }), async (batch) => {
      const got = await onChain(batch);
      expect(got).to.deep.equal(batch.map(model));
    }),
    { numRuns: RUNS, examples: examples.length > 0 ? [[examples]] : [] },
  );
}

describe("money model = contract, rule by rule (fast-check differential)", function () {
  this.timeout(120_000);
  let harness: Harness;

  before(async () => {
    harness = await deployHarness();
  });

  it("priceOf: the market's priceOf equals the model's for random jobs", async () => {
    const w = await world("native");
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          jobType: fc.constantFrom(0, 1),
          doPrices: fc.array(positive(2n ** 64n), { minLength: 1, maxLength: 12 }),
          modelComplexityFactor: fc.integer({ min: 1, max: 2 ** 16 }),
          mpcCount: fc.integer({ min: 1, max: 16 }),
          mpcPrice: positive(2n ** 64n),
          gdsFeeBps: bps,
        }),
        async (p) => {
          const onChain = await w.market.read.priceOf([
            p.jobType,
            p.doPrices,
            p.modelComplexityFactor,
            p.mpcCount,
            p.mpcPrice,
            p.gdsFeeBps,
          ]);
          expect(onChain).to.deep.equal(priceOf(p));
        },
      ),
      { numRuns: RUNS * 5 },
    );
  });

  it("fineOf: floor(fineBps * C / k)", async () => {
    const input = fc.record({
      collateral: amount(U88),
      fineBps: bps,
      offenders: fc.bigInt({ min: 1n, max: 600n }),
    });
    await differential(
      input,
      (batch) => harness.read.fineOf([batch]),
      (x) => fineOf(x.collateral, x.fineBps, Number(x.offenders)),
      [
        { collateral: 0n, fineBps: 10000, offenders: 1n },
        { collateral: 7n, fineBps: 10000, offenders: 3n },
      ],
    );
  });

  it("abortCompensation: fee * completedEpochs / totalEpochs", async () => {
    const input = fc
      .record({ fee: amount(U128), totalEpochs: fc.integer({ min: 1, max: 2 ** 32 - 2 }), c: fc.nat() })
      .map(({ fee, totalEpochs, c }) => ({ fee, totalEpochs, completedEpochs: c % (totalEpochs + 1) }));
    await differential(
      input,
      (batch) => harness.read.abortCompensation([batch]),
      (x) => abortCompensation(x.fee, x.completedEpochs, x.totalEpochs),
      [
        { fee: 999n, completedEpochs: 0, totalEpochs: 3 },
        { fee: 999n, completedEpochs: 3, totalEpochs: 3 },
      ],
    );
  });

  it("scaledCompensation: in full when the pool covers everyone, else shrunk in proportion", async () => {
    const input = fc
      .record({ owed: amount(U128), pool: amount(U128), extra: amount(U128) })
      .map(({ owed, pool, extra }) => ({ owed, pool, totalOwed: owed + extra === 0n ? 1n : owed + extra }));
    await differential(
      input,
      (batch) => harness.read.scaledCompensation([batch]),
      (x) => scaledCompensation(x.owed, x.pool, x.totalOwed),
      [
        { owed: 5n, pool: 5n, totalOwed: 5n },
        { owed: 5n, pool: 4n, totalOwed: 5n },
        { owed: 0n, pool: 0n, totalOwed: 1n },
      ],
    );
  });

  it("splitRemainder: by shares; an empty group's share to the others; all remaining shares 0; nobody good", async () => {
    const input = fc.record({ remainder: amount(U128), shares, mpcWeight: weight, doWeight: weight });
    await differential(
      input,
      (batch) =>
        harness.read.splitRemainder([
          batch.map((x) => ({ ...x, shares: [...x.shares] as [number, number, number] })),
        ]),
      (x) => splitRemainder(x.remainder, x.shares, x.mpcWeight, x.doWeight),
      [
        // the MPC group is empty: its share goes to the GDS and the DOs in proportion
        { remainder: 1000n, shares: [1250, 3750, 5000], mpcWeight: 0n, doWeight: 10n },
        // every share left is 0 (only the empty MPC group had one): the DOs take it by fee
        { remainder: 900n, shares: [0, 10000, 0], mpcWeight: 0n, doWeight: 30n },
        { remainder: 901n, shares: [0, 0, 10000], mpcWeight: 7n, doWeight: 0n },
        // no good DO and no good MPC: everything back to the QC
        { remainder: 7n, shares: [1250, 3750, 5000], mpcWeight: 0n, doWeight: 0n },
        { remainder: 0n, shares: [10000, 0, 0], mpcWeight: 1n, doWeight: 1n },
      ],
    );
  });

  it("cancellationFine: cancelFineBps of the total price", async () => {
    const input = fc.record({ totalPrice: amount(U128), cancelFineBps: bps });
    await differential(
      input,
      (batch) => harness.read.cancellationFine([batch]),
      (x) => cancellationFine(x.totalPrice, x.cancelFineBps),
    );
  });

  it("proportional: amount * weight / totalWeight", async () => {
    const input = fc
      .record({ amount: amount(U128), weight: amount(U128), extra: amount(U128) })
      .map(({ amount: a, weight: wt, extra }) => ({ amount: a, weight: wt, totalWeight: wt + extra || 1n }));
    await differential(
      input,
      (batch) => harness.read.proportional([batch]),
      (x) => proportional(x.amount, x.weight, x.totalWeight),
    );
  });
});
