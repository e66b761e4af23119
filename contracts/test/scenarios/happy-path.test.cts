// Happy paths (docs/rules.md §3–4): Horizontal and Vertical jobs run to completion and every party is
// paid to the wei (against the money model's settleCompleted); QC top-ups and overpayment refunds; the
// quote binds the GDS (the consent rule, a table of orderings).
import { expect } from "chai";
import { parseEventLogs, type TransactionReceipt } from "viem";
import { settleCompleted } from "../../../src/protocol/money/index.ts";
import { expectRevert } from "../helpers/chain.cjs";
import { ALL, JobState, JobType, Status, status, TaskType, type Job } from "../helpers/jobs.cjs";
import { expectSettlement } from "../helpers/settlement.cjs";
import { forEachAsset, worldFixture, type Wallet, type World } from "../helpers/world.cjs";

const world = worldFixture();
const lower = (xs: Wallet[]) => xs.map((x) => x.account.address.toLowerCase());

/** Exactly one JobDispatched(id, jobType, dos, mpcs) in the transaction that completed the pair. */
function expectDispatched(w: World, receipt: TransactionReceipt, job: Job) {
  const events = parseEventLogs({ abi: w.market.abi, logs: receipt.logs, eventName: "JobDispatched" });
  expect(events).to.have.length(1);
  expect(events[0].args.jobType).to.equal(job.jobType);
  expect(events[0].args.dos.map((a) => a.toLowerCase())).to.deep.equal(lower(job.dos));
  expect(events[0].args.mpcs.map((a) => a.toLowerCase())).to.deep.equal(lower(job.mpcs));
}

/** Orderings of payments and (re-)assignments against a quote, and whether the job dispatches. */
interface ConsentCase {
  name: string;
  steps: (job: Job, prices: { quoted: bigint; assigned: bigint }) => Promise<void>;
  dispatched: boolean;
  consentNeeded?: boolean;
}

// Two DOs at 100, one MPC: quoted at MPC price 10 (total 231); assigned at 50 (total 275).
const CONSENT_CASES: ConsentCase[] = [
  {
    name: "money paid before an above-quote assignment does not dispatch",
    steps: async (job, p) => {
      await job.pay(p.assigned + 5n); // pays more than enough, before the price is known
      await job.assign(undefined, 50n);
    },
    dispatched: false,
    consentNeeded: true,
  },
  {
    name: "a later zero-value submitQuery is the consent, and dispatches",
    steps: async (job, p) => {
      await job.pay(p.assigned + 5n);
      await job.assign(undefined, 50n);
      await job.pay(0n);
    },
    dispatched: true,
    consentNeeded: false,
  },
  {
    name: "a payment made after the above-quote assignment is the consent and dispatches",
    steps: async (job, p) => {
      await job.assign(undefined, 50n);
      await job.pay(p.assigned);
    },
    dispatched: true,
  },
  {
    name: "an assignment within the quote dispatches on money paid before it",
    steps: async (job, p) => {
      await job.pay(p.quoted);
      await job.assign(undefined, 10n);
    },
    dispatched: true,
  },
  {
    name: "a re-assignment above the quote needs a new consent, even when the money already covers it",
    steps: async (job) => {
      // quote 231 < re-assigned 253 < paid 260 < first assignment 319
      await job.assign(undefined, 90n);
      await job.pay(260n); // consents to 319 but cannot cover it
      expect(await job.state()).to.equal(JobState.Ordered);
      await job.assign([job.w.mpcs[1]], 30n); // still above the quote: a new price
      const view = await job.view();
      expect(view.totalPrice).to.equal(253n);
      expect([view.state, view.consentNeeded]).to.deep.equal([JobState.Ordered, true]);
      await job.pay(0n);
      expect((await job.view()).paid).to.equal(260n);
    },
    dispatched: true,
  },
  {
    name: "a re-assignment back within the quote dispatches on the money already paid",
    steps: async (job, p) => {
      await job.assign(undefined, 90n);
      await job.pay(p.quoted); // too little for the higher price
      expect(await job.state()).to.equal(JobState.Ordered);
      await job.assign([job.w.mpcs[1]], 10n); // back to the quoted price
    },
    dispatched: true,
  },
];

forEachAsset((asset) =>
  describe(`scenarios: happy paths · ${asset}`, () => {
    it("Horizontal: 3 DOs, factor 2, 2 MPCs, overpayment refunded, every wei accounted", async () => {
      const w = await world(asset);
      const u = w.unit;
      const job = w
        .job()
        .dos(3, { prices: [100n * u, 200n * u, 300n * u] })
        .factor(2)
        .mpcs(2, { price: 50n * u })
        .build();
      // By hand: DO fees 200 + 400 + 600 = 1200 = C; MPC fee 50 each; GDS 10 % of 1300 = 130; total 1430.
      expect(job.total).to.equal(1430n * u);
      await job.place();
      await job.assign();
      const view = await job.view();
      expect([view.totalPrice, view.collateral, view.state]).to.deep.equal([
        job.total,
        1200n * u,
        JobState.Ordered,
      ]);

      const paying = await job.pay(job.total + 70n); // 70 too much: refunded at settlement
      expect(await job.state()).to.equal(JobState.Dispatched);
      expectDispatched(w, paying, job);

      for (const m of job.mpcs) await job.progressTo(m, 0, 0);
      for (const d of job.dos) await job.completeEpochs(d, 2);
      // A Horizontal DO may not report Aggregation, a Horizontal MPC may not report Training.
      await expectRevert(job.progressTo(job.dos[0], 0, 0, TaskType.Aggregation), "JobMarketInvalidTaskType");
      await expectRevert(job.progressTo(job.mpcs[0], 0, 0, TaskType.Training), "JobMarketInvalidTaskType");
      await job.complete(job.dos[0]);
      await job.complete(job.dos[1]);
      expect(await job.state()).to.equal(JobState.Dispatched);

      const expected = settleCompleted(job.money(), job.members());
      await expectSettlement(job, expected, JobState.Completed, () => job.complete(job.dos[2]));
      expect(await w.market.read.balanceOf([w.qc.account.address])).to.equal(70n);
      expect(await w.market.read.balanceOf([w.gds.account.address])).to.equal(w.stake + 130n * u);
    });

    it("Vertical: PSI stage then Training; completes when the MPC finishes; MPC fee = m * N * F", async () => {
      const w = await world(asset);
      const u = w.unit;
      const job = w
        .job()
        .vertical()
        .dos(2, { prices: [100n * u, 300n * u] })
        .mpcs(1, { price: 10n * u })
        .epochs(3)
        .build();
      // By hand: DO fees 400 = C; MPC fee 10 * 2 DOs * 1 = 20; GDS 42; total 462.
      expect(job.total).to.equal(462n * u);
      await job.place();
      await job.pay(job.total);
      const assigning = await job.assign(); // the pair completes here: dispatch inside assignMpcs
      expect(await job.state()).to.equal(JobState.Dispatched);
      expectDispatched(w, assigning, job);

      const [d0] = job.dos;
      // Training before the PSI stage is over is refused; Aggregation is never a Vertical task.
      await expectRevert(
        job.update(d0, status(TaskType.Training, 0, 0, Status.Started)),
        "JobMarketPsiNotComplete",
      );
      await expectRevert(
        job.update(job.mpcs[0], status(TaskType.Aggregation, 0, 0, Status.Started)),
        "JobMarketInvalidTaskType",
      );
      for (const p of job.participants) {
        // PSI levels are not bounded by totalEpochs.
        await job.update(p, status(TaskType.PSI, 0, ALL, Status.Completed));
        await job.update(p, status(TaskType.PSI, 5, ALL, Status.Completed));
        await job.complete(p, TaskType.PSI);
      }
      for (const p of job.participants) await job.completeEpochs(p, 3);
      // epoch must be < totalEpochs or ALL; ALL epoch needs ALL batch; progress never goes backwards.
      await expectRevert(
        job.update(d0, status(TaskType.Training, 3, 0, Status.Started)),
        "JobMarketEpochOutOfRange",
      );
      await expectRevert(
        job.update(d0, status(TaskType.Training, ALL, 0, Status.Completed)),
        "JobMarketInvalidBatch",
      );
      await expectRevert(job.progressTo(d0, 1, 0), "JobMarketProgressRegressed");
      // Repeating the latest report is allowed (the draft has DOs redo a batch).
      await job.update(d0, status(TaskType.Training, 2, ALL, Status.Completed));
      for (const d of job.dos) await job.complete(d);
      expect(await job.state()).to.equal(JobState.Dispatched);
      await expectRevert(job.complete(d0), "JobMarketParticipantFinished");

      const expected = settleCompleted(job.money(), job.members());
      await expectSettlement(job, expected, JobState.Completed, () => job.complete(job.mpcs[0]));
    });

    it("QC top-up: the job dispatches only once the QC has paid the total", async () => {
      const w = await world(asset);
      const job = await w.job().dos(2, { price: 100n }).mpcs(1, { price: 10n }).epochs(1).assigned();
      await expectRevert(job.pay(1n, { from: w.stranger }), "JobMarketNotQc");
      await job.pay(job.total - 1n);
      expect(await job.state()).to.equal(JobState.Ordered);
      await job.pay(1n);
      const view = await job.view();
      expect([view.state, view.paid]).to.deep.equal([JobState.Dispatched, job.total]);
      await expectRevert(job.pay(1n), "JobMarketWrongState");
    });

    describe("the quote binds the GDS (docs/rules.md §3, consent)", () => {
      for (const c of CONSENT_CASES) {
        it(c.name, async () => {
          const w = await world(asset);
          const order = w
            .job()
            .type(JobType.Horizontal)
            .dos(2, { price: 100n })
            .mpcs(1, { price: 10n })
            .epochs(1);
          const quoted = order.build().price(10n).total;
          const job = await order.quote(quoted).ordered();
          const assigned = job.price(50n).total;
          expect([quoted, assigned]).to.deep.equal([231n, 275n]);
          await c.steps(job, { quoted, assigned });
          const view = await job.view();
          expect(view.state).to.equal(c.dispatched ? JobState.Dispatched : JobState.Ordered);
          if (c.consentNeeded !== undefined) expect(view.consentNeeded).to.equal(c.consentNeeded);
        });
      }
    });
  }),
);
