// QC cancellation (docs/rules.md §6.6) before and after dispatch, and order expiry (§4): a table of
// cancellations, each checked to the wei against the money model's settleCancelled.
import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { creditOf, settleCancelled } from "../../../src/protocol/money/index.ts";
import { blockNumber, expectRevert } from "../helpers/chain.cjs";
import { JobState, type Job, type JobBuilder } from "../helpers/jobs.cjs";
import { expectSettlement } from "../helpers/settlement.cjs";
import { forEachAsset, worldFixture, type Wallet, type World } from "../helpers/world.cjs";

const world = worldFixture();

interface CancelCase {
  name: string;
  job: (w: World) => JobBuilder;
  /** from the built job to just before the cancel; returns who cancels */
  before: (w: World, job: Job) => Promise<Wallet>;
  dispatched: boolean;
  /** the amounts stated by hand */
  byHand?: (expected: ReturnType<typeof settleCancelled>, job: Job, w: World) => void;
}

const threeDos = (w: World) =>
  w
    .job()
    .dos(3, { prices: [100n * w.unit, 200n * w.unit, 300n * w.unit] })
    .mpcs(2, { price: 50n * w.unit })
    .epochs(1);

const CASES: CancelCase[] = [
  {
    name: "QC cancels before dispatch: everything it paid comes back, no fine, all collateral unlocked",
    job: threeDos,
    before: async (w, job) => {
      await job.place();
      await job.assign();
      await job.pay(700n * w.unit); // not enough to dispatch
      expect(await w.market.read.cancellationFineOf([job.id])).to.equal(0n);
      return job.qc;
    },
    dispatched: false,
    byHand: (e, _job, w) => expect([e.refund, e.credits.length]).to.deep.equal([700n * w.unit, 0]),
  },
  {
    name: "the GDS may cancel before dispatch; a stranger may not",
    job: threeDos,
    before: async (w, job) => {
      await job.place();
      await job.pay(123n);
      await expectRevert(job.cancel(w.stranger), "JobMarketOrderNotExpired");
      return w.gds;
    },
    dispatched: false,
    byHand: (e) => expect(e.refund).to.equal(123n),
  },
  {
    name: "QC cancels after dispatch: 60 % of the total split by fee, the rest (incl. overpayment) back",
    job: threeDos,
    before: async (w, job) => {
      await job.place();
      await job.assign();
      await job.pay(job.total + 30n * w.unit);
      expect(await w.market.read.cancellationFineOf([job.id])).to.equal(462n * w.unit);
      await expectRevert(job.cancel(w.gds), "JobMarketUnauthorized");
      await expectRevert(job.cancel(w.stranger), "JobMarketUnauthorized");
      return job.qc;
    },
    dispatched: true,
    byHand: (e, job, w) => {
      // By hand: total 770, fine 462 = DOs 60 / 120 / 180, MPCs 30 each, GDS 42; QC gets 800 - 462 = 338.
      const u = w.unit;
      expect(e.refund).to.equal(338n * u);
      expect(job.participants.map((p) => creditOf(e, p.account.address))).to.deep.equal(
        [60n, 120n, 180n, 30n, 30n].map((x) => x * u),
      );
      expect(creditOf(e, w.gds.account.address)).to.equal(42n * u);
    },
  },
  {
    name: "cancellation dust goes to the GDS",
    job: (w) =>
      w
        .job()
        .dos(3, { prices: [7n, 11n, 13n] })
        .mpcs(1, { price: 3n })
        .epochs(1),
    before: async (_w, job) => {
      await job.place();
      await job.assign();
      await job.pay(job.total);
      return job.qc;
    },
    dispatched: true,
    byHand: (e, _job, w) => {
      // total 37 (31 + 3 + 3), fine 22: DOs 4 / 6 / 7, MPC 1, the GDS 22 - 18 = 4 (its own 1 plus dust)
      expect(creditOf(e, w.gds.account.address)).to.equal(4n);
    },
  },
  {
    name: "an expired order is cancelled by anyone, only from block orderedAt + orderExpiryBlocks",
    job: threeDos,
    before: async (w, job) => {
      await job.place();
      await job.assign();
      await job.pay(500n);
      const view = await job.view();
      const expiresAt = view.orderedAt + BigInt(view.params.orderExpiryBlocks);
      // Put the next transaction in block expiresAt - 1: not expired yet.
      // Hardhat mines reverted transactions too: the first attempt lands in block expiresAt - 1.
      await mine(expiresAt - 2n - (await blockNumber()));
      await expectRevert(job.cancel(w.stranger), "JobMarketOrderNotExpired");
      expect(await blockNumber()).to.equal(expiresAt - 1n);
      await expectRevert(job.pay(270n), "JobMarketOrderExpired");
      return w.stranger;
    },
    dispatched: false,
    byHand: (e) => expect(e.refund).to.equal(500n),
  },
];

forEachAsset((asset) =>
  describe(`scenarios: cancellation and expiry · ${asset}`, () => {
    for (const c of CASES) {
      it(c.name, async () => {
        const w = await world(asset);
        const job = c.job(w).build();
        const by = await c.before(w, job);
        const expected = settleCancelled(
          { ...job.money(), dispatched: c.dispatched, cancelFineBps: w.params.cancelFineBps },
          job.members(),
        );
        c.byHand?.(expected, job, w);
        await expectSettlement(job, expected, JobState.Cancelled, () => job.cancel(by), [w.stranger]);
      });
    }
  }),
);
