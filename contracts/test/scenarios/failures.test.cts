// The draft's corner scenarios and the SPEC's worked example (docs/rules.md §6): one table, each case
// settled on the market and checked to the wei against the money model, after the numbers the SPEC or
// the draft state are checked by hand. Amounts are in whole units of the asset (`u`).
import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { parseEventLogs } from "viem";
import { creditOf, fineOfAccount } from "../../../src/protocol/money/index.ts";
import { blockNumber, expectRevert } from "../helpers/chain.cjs";
import { ALL, FailureReason, JobState, Status, status, TaskType, type Job } from "../helpers/jobs.cjs";
import { runFailureCase, type FailureCase } from "../helpers/scenarios.cjs";
import { forEachAsset, worldFixture, type World } from "../helpers/world.cjs";

const world = worldFixture();
const { SelfReported, HeartbeatTimeout, NonCompliantResult } = FailureReason;

/** SPEC's worked example job: Horizontal, 10 DOs at 1000, F = 1, 2 MPCs at 500, GDS 10 %. */
const workedExample = (w: World, epochs = 10) =>
  w
    .job()
    .dos(10, { price: 1000n * w.unit })
    .mpcs(2, { price: 500n * w.unit })
    .epochs(epochs);

const addr = (x: { account: { address: `0x${string}` } }) => x.account.address;

const CASES: FailureCase[] = [
  {
    name: "SPEC worked example: DO3 times out; QC gets 12,100 back, DO3 loses 10,000, 9 DOs 1,055, MPCs 187, GDS 131",
    job: (w) => workedExample(w),
    fail: async (w, job) => {
      const do3 = job.dos[2];
      // Anyone may report a verified timeout, but only once it holds.
      await expectRevert(job.report([do3], HeartbeatTimeout, w.stranger), "JobMarketNotTimedOut");
      await w.timeOutAllBut(job.participants.filter((p) => p !== do3));
      expect(await job.isTimedOut(do3)).to.equal(true);
      expect(await job.isTimedOut(job.dos[0])).to.equal(false);
      return {
        offenders: [[do3, HeartbeatTimeout]],
        settle: () => job.report([do3], HeartbeatTimeout, w.stranger),
        others: [w.stranger],
      };
    },
    byHand: (e, job, w) => {
      const u = w.unit;
      // 1,000 left after compensation = 125 GDS + 375 MPCs + 500 DOs; 375 / 2 and 500 / 9 round down,
      // the GDS takes its share and both dusts (in whole units: 187 r 1 and 55 r 5, so 125 + 1 + 5 = 131).
      const mpcEach = (375n * u) / 2n;
      const doEach = (500n * u) / 9n;
      expect(e.refund).to.equal(12_100n * u);
      expect(fineOfAccount(e, addr(job.dos[2]))).to.equal(10_000n * u);
      for (const d of job.dos.filter((x) => x !== job.dos[2]))
        expect(creditOf(e, addr(d))).to.equal(1000n * u + doEach);
      for (const m of job.mpcs) expect(creditOf(e, addr(m))).to.equal(mpcEach);
      expect(creditOf(e, addr(w.gds))).to.equal(1000n * u - 2n * mpcEach - 9n * doEach);
      if (u === 1n) expect([mpcEach, doEach, creditOf(e, addr(w.gds))]).to.deep.equal([187n, 55n, 131n]);
    },
  },
  {
    name: "two DOs time out (draft scenario 1): 5,000 fined from each, 8 good DOs paid 1,000 + their share",
    job: (w) => workedExample(w),
    fail: async (w, job) => {
      const bad = [job.dos[1], job.dos[6]];
      await w.timeOutAllBut(job.participants.filter((p) => !bad.includes(p)));
      return {
        offenders: bad.map((b) => [b, HeartbeatTimeout]),
        settle: () => job.report(bad, HeartbeatTimeout, w.stranger),
      };
    },
    byHand: (e, job, w) => {
      const u = w.unit;
      for (const b of [job.dos[1], job.dos[6]]) expect(fineOfAccount(e, addr(b))).to.equal(5_000n * u);
      // pool 10,000: 8 good DOs owed 8,000; the remaining 2,000 = 250 GDS, 750 MPCs, 1,000 DOs (125 each)
      expect(creditOf(e, addr(job.dos[0]))).to.equal(1_125n * u);
      expect(creditOf(e, addr(job.mpcs[0]))).to.equal(375n * u);
      expect(creditOf(e, addr(w.gds))).to.equal(250n * u);
    },
  },
  {
    name: "a report naming one timed-out DO also fines every other timed-out participant",
    job: (w) => workedExample(w),
    fail: async (w, job) => {
      const [named, alsoLate] = [job.dos[0], job.mpcs[1]];
      await w.timeOutAllBut(job.participants.filter((p) => p !== named && p !== alsoLate));
      return {
        offenders: [
          [named, HeartbeatTimeout],
          [alsoLate, HeartbeatTimeout],
        ],
        settle: () => job.report([named], HeartbeatTimeout, w.stranger),
      };
    },
    byHand: (e, job, w) => expect(fineOfAccount(e, addr(job.mpcs[1]))).to.equal(5_000n * w.unit),
  },
  {
    name: "a DO self-reports Failed at 40 % of the epochs (draft scenario 2): Aborting, then settleAbort pays good DOs pro rata",
    job: (w) => workedExample(w, 10),
    fail: async (w, job) => {
      const failing = job.dos[9];
      const good = job.dos.slice(0, 9);
      const epochsDone = [5, 5, 5, 5, 4, 4, 4, 3, 3];
      for (let i = 0; i < good.length; i++) await job.completeEpochs(good[i], epochsDone[i]);
      await job.completeEpochs(failing, 4);
      const receipt = await job.fail(failing, 4, 2);
      const aborting = parseEventLogs({ abi: w.market.abi, logs: receipt.logs, eventName: "JobAborting" });
      expect(aborting.map((e) => e.args.reporter.toLowerCase())).to.deep.equal([addr(failing).toLowerCase()]);
      const view = await job.view();
      expect(view.state).to.equal(JobState.Aborting);
      expect(view.abortReporter.toLowerCase()).to.equal(addr(failing).toLowerCase());
      // Progress is frozen: updates are refused, and no other failure can be reported meanwhile.
      await expectRevert(
        job.update(good[0], status(TaskType.Training, 5, ALL, Status.Completed)),
        "JobMarketWrongState",
      );
      await expectRevert(job.report([good[0]], NonCompliantResult), "JobMarketWrongState");
      const progress = await job.progress();
      for (let i = 0; i < good.length; i++) expect(progress[i].completedEpochs).to.equal(epochsDone[i]);
      return {
        offenders: [[failing, SelfReported]],
        byEpochs: true,
        completedEpochs: new Map([...good.map((g, i) => [g, epochsDone[i]] as const), [failing, 4]]),
        settle: () => job.settleAbort(), // the GDS may settle at once
      };
    },
    byHand: (e, job, w) => {
      const u = w.unit;
      expect(fineOfAccount(e, addr(job.dos[9]))).to.equal(8_000n * u); // 80 % of C = 10,000
      // owed (4 x 5 + 3 x 4 + 2 x 3) x 100 = 3,800 of the 8,000 pool; the remaining 4,200 = 525 GDS,
      // 1,575 MPCs, 2,100 DOs (by fee: 2,100 / 9 each); DO1 completed 5 of 10 epochs: 500
      expect(creditOf(e, addr(job.dos[0]))).to.equal(500n * u + (2_100n * u) / 9n);
      expect(creditOf(e, addr(job.dos[8]))).to.equal(300n * u + (2_100n * u) / 9n);
    },
  },
  {
    name: "a self-report made after the DO had already timed out is fined as a detected timeout",
    job: (w) =>
      w
        .job()
        .dos(3, { price: 100n * w.unit })
        .mpcs(1, { price: 10n * w.unit })
        .epochs(2),
    fail: async (w, job) => {
      const late = job.dos[1];
      await w.timeOutAllBut(job.participants.filter((p) => p !== late));
      await job.fail(late);
      return { offenders: [[late, HeartbeatTimeout]], byEpochs: true, settle: () => job.settleAbort() };
    },
    byHand: (e) => {
      expect(e.fines.map((f) => f.reason)).to.deep.equal([HeartbeatTimeout]);
    },
  },
  {
    name: "an MPC times out (draft scenario 3): QC refunded, MPC loses C, every DO gets its full fee",
    job: (w) => workedExample(w),
    fail: async (w, job) => {
      const silent = job.mpcs[0];
      await w.timeOutAllBut(job.participants.filter((p) => p !== silent));
      return {
        offenders: [[silent, HeartbeatTimeout]],
        settle: () => job.report([silent], HeartbeatTimeout, job.qc),
      };
    },
    byHand: (e, job, w) => {
      expect(e.refund).to.equal(job.total);
      expect(fineOfAccount(e, addr(job.mpcs[0]))).to.equal(10_000n * w.unit);
      for (const d of job.dos) expect(creditOf(e, addr(d))).to.equal(1_000n * w.unit);
    },
  },
  {
    name: "Vertical: the MPC self-reports Failed (draft scenario 4): Aborting, DOs paid by completed epochs",
    job: (w) =>
      w
        .job()
        .vertical()
        .dos(3, { prices: [100n * w.unit, 200n * w.unit, 300n * w.unit] })
        .mpcs(1, { price: 5n * w.unit })
        .epochs(4),
    fail: async (_w, job) => {
      for (const p of job.participants) await job.complete(p, TaskType.PSI);
      const epochsDone = [2, 1, 3];
      for (let i = 0; i < 3; i++) await job.completeEpochs(job.dos[i], epochsDone[i]);
      await job.completeEpochs(job.mpcs[0], 1);
      await job.fail(job.mpcs[0], 1, 0);
      expect(await job.state()).to.equal(JobState.Aborting);
      return {
        offenders: [[job.mpcs[0], SelfReported]],
        byEpochs: true,
        completedEpochs: new Map(job.dos.map((d, i) => [d, epochsDone[i]])),
        settle: () => job.settleAbort(),
      };
    },
    byHand: (e, job) =>
      expect(fineOfAccount(e, addr(job.mpcs[0]))).to.equal((job.collateral * 8000n) / 10_000n),
  },
  {
    name: "non-compliant DOs (draft scenario 5), unchallenged: only the GDS may judge; after the window 5,000 from each of two",
    job: (w) => workedExample(w),
    fail: async (w, job) => {
      const bad = [job.dos[3], job.dos[4]];
      await expectRevert(job.report(bad, NonCompliantResult, w.stranger), "AccessControlUnauthorizedAccount");
      await expectRevert(job.report(bad, NonCompliantResult, job.qc), "AccessControlUnauthorizedAccount");
      await job.judge(bad);
      expect(await job.state()).to.equal(JobState.Judged);
      await expectRevert(job.settleJudgement(), "JobMarketChallengeWindowOpen");
      await job.passDeadline("challenge");
      return { offenders: [], judged: { named: bad, ruling: "upheld" }, settle: () => job.settleJudgement() };
    },
    byHand: (e, job, w) => {
      // the bond: 10 % of the 10,000 the judgement asks, back to the GDS
      expect([e.bondReleased, e.bondForfeited]).to.deep.equal([1_000n * w.unit, 0n]);
      expect(e.refund).to.equal(12_100n * w.unit);
      for (const b of [job.dos[3], job.dos[4]]) expect(fineOfAccount(e, addr(b))).to.equal(5_000n * w.unit);
      // as in scenario 1: the 8 good DOs get 1,000 + 125
      for (const d of job.dos.filter((x) => x !== job.dos[3] && x !== job.dos[4])) {
        expect(creditOf(e, addr(d))).to.equal(1_125n * w.unit);
      }
    },
  },
  {
    name: "Vertical non-compliant MPC (draft scenario 6), unchallenged: QC refunded, MPC loses C, DOs get their promised fee",
    job: (w) =>
      w
        .job()
        .vertical()
        .dos(10, { price: 1000n * w.unit })
        .mpcs(1, { price: 10n * w.unit })
        .epochs(3),
    fail: async (_w, job) => {
      await job.judge(job.mpcs);
      await job.passDeadline("challenge");
      return {
        offenders: [],
        judged: { named: job.mpcs, ruling: "upheld" },
        settle: () => job.settleJudgement(),
      };
    },
    byHand: (e, job, w) => {
      expect([e.bondReleased, e.bondForfeited]).to.deep.equal([1_000n * w.unit, 0n]);
      expect(e.refund).to.equal(job.total);
      expect(fineOfAccount(e, addr(job.mpcs[0]))).to.equal(10_000n * w.unit);
      for (const d of job.dos) expect(creditOf(e, addr(d))).to.equal(1_000n * w.unit);
      expect(creditOf(e, addr(w.gds))).to.equal(0n);
    },
  },
];

forEachAsset((asset) =>
  describe(`scenarios: failures (docs/rules.md §6) · ${asset}`, () => {
    for (const c of CASES) {
      it(c.name, async () => {
        await runFailureCase(await world(asset), c);
      });
    }

    it("settleAbort: a stranger only once abortGraceBlocks have passed since the report", async () => {
      const w = await world(asset);
      const job: Job = await workedExample(w, 4).dispatched();
      const receipt = await job.fail(job.dos[0]);
      const abortedAt = receipt.blockNumber;
      const grace = BigInt((await job.view()).params.abortGraceBlocks);
      // Hardhat mines reverted transactions too, so steer by the current block: the attempt lands in
      // block abortedAt + grace - 1 (still inside the grace), the settlement in abortedAt + grace.
      await mine(abortedAt + grace - 2n - (await blockNumber()));
      await expectRevert(job.settleAbort(w.stranger), "JobMarketGraceNotOver");
      expect(await blockNumber()).to.equal(abortedAt + grace - 1n);
      const settled = await job.settleAbort(w.stranger);
      expect(settled.blockNumber).to.equal(abortedAt + grace);
      expect(await job.state()).to.equal(JobState.Failed);
    });

    it("a settled job cannot be settled again by any path", async () => {
      const w = await world(asset);
      const job = await workedExample(w).dispatched();
      await job.judge([job.dos[0]]);
      await job.passDeadline("challenge");
      await job.settleJudgement();
      await expectRevert(job.report([job.dos[1]], NonCompliantResult), "JobMarketWrongState");
      await expectRevert(job.settleAbort(), "JobMarketWrongState");
      await expectRevert(job.cancel(), "JobMarketWrongState");
      await expectRevert(job.settleJudgement(), "JobMarketWrongState");
    });
  }),
);
