import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import type { TransactionReceipt } from "viem";
import { sumOf } from "../../../src/protocol/money/index.ts";
import { blockNumber, expectRevert } from "../helpers/chain.cjs";
import { FailureReason, JobState, Status, status, TaskType, type Job } from "../helpers/jobs.cjs";
import { creditOf, emittedSettlement } from "../helpers/settlement.cjs";
import { forEachAsset, worldFixture, type Wallet, type World } from "../helpers/world.cjs";

const world = worldFixture();
const { HeartbeatTimeout, NonCompliantResult, SelfReported } = FailureReason;

/** The settlement in `receipt` with shortcuts: credit(who), the totals that must balance. */
function settlement(job: Job, receipt: TransactionReceipt) {
  const s = emittedSettlement(job, receipt);
  return {
    ...s,
    credit: (who: Wallet) => creditOf(s, who),
    rewards: sumOf(s.credits),
    refund: sumOf(s.refunds),
    fineTotal: sumOf(s.fines),
  };
}

const fined = (who: Wallet, amount: bigint, reason: number) => ({
  account: who.account.address.toLowerCase(),
  amount,
  reason,
});

async function expectFreeAndLocked(w: World, who: Wallet, free: bigint) {
  expect(await w.stakeOf(who)).to.deep.equal({ free, locked: 0n });
}

/** 4 DOs at 1000, 4 epochs: DO1 completed 2 epochs, DO2 1 epoch, DO3 none, DO4 reports Failed. */
async function abortedJob(w: World) {
  const job = await w.job().dos(4).epochs(4).dispatched();
  await job.update(job.dos[0], status(TaskType.Training, 1, 0xffffffff, Status.Completed));
  await job.update(job.dos[1], status(TaskType.Training, 0, 0xffffffff, Status.Completed));
  await job.progressTo(job.dos[2], 0, 3);
  await job.fail(job.dos[3], 1, 0);
  return job;
}

forEachAsset((asset) =>
  describe(`JobMarket settlement · ${asset}`, () => {
    describe("completion", () => {
      it("settles a Vertical job: DO fees, MPC fee m * N * F, GDS fee, overpayment back", async () => {
        const w = await world(asset);
        const job = await w.job().vertical().factor(2).mpcs(1, { price: 10n }).dispatched();
        const s = settlement(job, await job.completeAll());
        expect(job.total).to.equal(6666n);
        for (const d of job.dos) expect(s.credit(d)).to.equal(2000n);
        expect(s.credit(job.mpcs[0])).to.equal(60n);
        expect(s.credit(w.gds)).to.equal(606n);
        expect(s.rewards + s.refund).to.equal(job.paidTotal);
        await expectFreeAndLocked(w, job.mpcs[0], w.stake + 60n);
      });
    });

    describe("reportFailure", () => {
      it("reportFailure: the draft's corner scenario, to the wei", async () => {
        const w = await world(asset);
        const job = await w.job().dos(10).dispatched();
        expect(job.total).to.equal(12_100n);
        expect(job.collateral).to.equal(10_000n);
        const do3 = job.dos[2];
        // everyone but DO3 stays alive; anyone may report a verified timeout
        await mine(3600);
        await w.heartbeat(...job.participants.filter((p) => p !== do3));
        const s = settlement(job, await job.report([do3], HeartbeatTimeout, w.outsiders[2]));
        expect(s.refund).to.equal(12_100n);
        expect(s.fines).to.deep.equal([fined(do3, 10_000n, HeartbeatTimeout)]);
        for (const d of job.dos) if (d !== do3) expect(s.credit(d)).to.equal(1000n + 55n); // 500 / 9 = 55
        for (const m of job.mpcs) expect(s.credit(m)).to.equal(187n); // 375 / 2
        expect(s.credit(w.gds)).to.equal(125n + 1n + 5n); // share + MPC dust + DO dust
        expect(s.rewards + s.refund).to.equal(job.paidTotal + s.fineTotal);
        expect(await w.stakeOf(do3)).to.deep.equal({ free: w.stake - 10_000n, locked: 0n });
        await expectFreeAndLocked(w, job.dos[0], w.stake + 1055n);
        expect(await w.market.read.balanceOf([job.qc.account.address])).to.equal(12_100n);
        const view = await job.view();
        expect(view.state).to.equal(JobState.Failed);
        expect(view.settledAt).to.equal(await blockNumber());
      });

      it("reportFailure: two offenders share the fine (each C / 2) and timed-out participants are caught too", async () => {
        const w = await world(asset);
        const job = await w.job().dos(4).dispatched(); // C = 4000
        await mine(3600);
        await w.heartbeat(job.dos[0], job.dos[1], ...job.mpcs);
        // only DO3 is named; DO4 is timed out as well
        const s = settlement(job, await job.report([job.dos[2]], HeartbeatTimeout));
        expect(s.fines).to.deep.equal([
          fined(job.dos[2], 2000n, HeartbeatTimeout),
          fined(job.dos[3], 2000n, HeartbeatTimeout),
        ]);
        // pool 4000: two good DOs owed 1000 each; remainder 2000 = 250 GDS / 750 MPCs / 1000 DOs
        expect(s.credit(job.dos[0])).to.equal(1000n + 500n);
        expect(s.credit(job.mpcs[0])).to.equal(375n);
        expect(s.credit(w.gds)).to.equal(250n);
        expect(s.rewards + s.refund).to.equal(job.paidTotal + s.fineTotal);
      });

      it("reportFailure: the GDS's non-compliant report (not timed out), unchallenged, settles after the window", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.judge([job.mpcs[0]]);
        await job.passDeadline("challenge");
        const s = settlement(job, await job.settleJudgement());
        expect(s.fines).to.deep.equal([fined(job.mpcs[0], 3000n, NonCompliantResult)]);
        // pool 3000 pays the three DOs their fees in full; nothing remains
        for (const d of job.dos) expect(s.credit(d)).to.equal(1000n);
        expect(s.credit(job.mpcs[1])).to.equal(0n);
        expect(s.rewards + s.refund).to.equal(job.paidTotal + s.fineTotal);
      });

      it("reportFailure: compensation shrinks in proportion when the pool is short, dust to the GDS", async () => {
        const w = await world(asset);
        await w.setParameters({ selfReportFineBps: 5000, detectedFineBps: 5000 });
        const job = await w
          .job()
          .dos(3, { prices: [1000n, 2000n, 4000n] })
          .dispatched(); // C = 7000, fine 3500
        await job.judge([job.dos[2]]);
        await job.passDeadline("challenge");
        const s = settlement(job, await job.settleJudgement());
        // owed 1000 + 2000 = 3000 <= 3500: paid in full, 500 remains: 62 GDS(+dust), 187 MPCs, 250 DOs by fee
        expect(s.credit(job.dos[0])).to.equal(1000n + 83n);
        expect(s.credit(job.dos[1])).to.equal(2000n + 166n);
        expect(s.rewards).to.equal(3500n);
        expect(s.rewards + s.refund).to.equal(job.paidTotal + s.fineTotal);
        expect(s.bondReleased).to.deep.equal([350n]); // 10 % of the 3,500 asked

        const job2 = await w.job().dos(3, { from: 3 }).mpcs(2, { from: 2 }).dispatched(); // C = 3000, fine 1500 < owed 2000
        await job2.judge([job2.dos[0]]);
        await job2.passDeadline("challenge");
        const s2 = settlement(job2, await job2.settleJudgement());
        expect(s2.credit(job2.dos[1])).to.equal(750n);
        expect(s2.credit(job2.mpcs[0])).to.equal(0n);
        expect(s2.credit(w.gds)).to.equal(0n);
        expect(s2.rewards + s2.refund).to.equal(job2.paidTotal + s2.fineTotal);
      });

      it("reportFailure: with no good DO or MPC the remainder goes back to the QC", async () => {
        const w = await world(asset);
        const job = await w.job().dos(1).mpcs(1).dispatched(); // C = 1000
        await mine(3601);
        const s = settlement(job, await job.report([job.dos[0]], HeartbeatTimeout, job.qc));
        expect(s.fineTotal).to.equal(1000n); // 500 each
        expect(s.rewards).to.equal(0n);
        expect(s.refund).to.equal(job.paidTotal + 1000n);
      });

      it("reportFailure: fails on reason 0 or 3", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        for (const reason of [0, 3])
          await expectRevert(job.report([job.dos[0]], reason), "JobMarketInvalidReason");
      });

      it("reportFailure: a non-compliant result needs GDS_ROLE", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(
          job.report([job.dos[0]], NonCompliantResult, job.qc),
          "AccessControlUnauthorizedAccount",
        );
      });

      it("reportFailure: fails with no offenders, a non-participant, or a duplicate", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.report([], NonCompliantResult), "JobMarketNoOffenders");
        await expectRevert(job.report([w.dos[7]], NonCompliantResult), "JobMarketNotParticipant");
        await expectRevert(
          job.report([job.dos[0], job.dos[0]], NonCompliantResult),
          "JobMarketDuplicateParticipant",
        );
      });

      it("reportFailure: fails if a named participant is not timed out", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await mine(3599); // the report lands at dispatch + 3600: not yet past the timeout
        await expectRevert(
          job.report([job.dos[0]], HeartbeatTimeout, w.outsiders[0]),
          "JobMarketNotTimedOut",
        );
      });

      it("reportFailure: fails unless the job is Dispatched", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await expectRevert(job.report([job.dos[0]], NonCompliantResult), "JobMarketWrongState");
        await expectRevert(w.job().build().report([job.dos[0]], NonCompliantResult), "JobMarketUnknownJob");
      });
    });

    describe("settleAbort", () => {
      it("settleAbort: fines the self-reporter 80 % and compensates good DOs by completed epochs", async () => {
        const w = await world(asset);
        const job = await abortedJob(w);
        const s = settlement(job, await job.settleAbort()); // the GDS may settle at once
        expect(s.fines).to.deep.equal([fined(job.dos[3], 3200n, SelfReported)]);
        // owed 500 + 250 + 0 = 750 of a 3200 pool; remainder 2450: GDS 306 (+dust), MPCs 918 (459 each), DOs 1225
        expect(s.credit(job.dos[0])).to.equal(500n + 408n);
        expect(s.credit(job.dos[1])).to.equal(250n + 408n);
        expect(s.credit(job.dos[2])).to.equal(408n);
        expect(s.credit(job.mpcs[0])).to.equal(459n);
        expect(s.rewards + s.refund).to.equal(job.paidTotal + s.fineTotal);
        expect(s.refund).to.equal(job.paidTotal);
        expect(await w.stakeOf(job.dos[3])).to.deep.equal({ free: w.stake - 3200n, locked: 0n });
        expect(await job.state()).to.equal(JobState.Failed);
      });

      it("settleAbort: anyone may settle once the grace is over, not before", async () => {
        const w = await world(asset);
        const job = await abortedJob(w);
        await expectRevert(job.settleAbort(w.outsiders[0]), "JobMarketGraceNotOver");
        await mine(99);
        await job.settleAbort(w.outsiders[0]);
        expect(await job.state()).to.equal(JobState.Failed);
      });

      it("settleAbort: a self-report made after its own timeout is fined as detected, and participants already timed out at the abort are fined", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await mine(3601);
        await w.heartbeat(job.dos[0], ...job.mpcs);
        await job.fail(job.dos[1]);
        // DO2 reported Failed after its own timeout; DO3 was already timed out at the abort block
        const s = settlement(job, await job.settleAbort());
        expect(s.fines).to.deep.equal([
          fined(job.dos[1], 1500n, HeartbeatTimeout),
          fined(job.dos[2], 1500n, HeartbeatTimeout),
        ]);
        expect(s.rewards + s.refund).to.equal(job.paidTotal + s.fineTotal);
      });

      it("settleAbort: fails unless the job is Aborting", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.settleAbort(), "JobMarketWrongState");
      });
    });

    describe("cancelJob", () => {
      it("cancelJob: before dispatch the QC gets everything back and all collateral is unlocked", async () => {
        const w = await world(asset);
        const job = await w.job().assigned();
        await job.pay(100n);
        expect(await w.market.read.cancellationFineOf([job.id])).to.equal(0n);
        const s = settlement(job, await job.cancel());
        expect(s.refund).to.equal(100n);
        expect(s.rewards).to.equal(0n);
        for (const p of job.participants) await expectFreeAndLocked(w, p, w.stake);
        expect(await job.state()).to.equal(JobState.Cancelled);
      });

      it("cancelJob: the GDS may cancel an order; anyone once it expired, nobody else before", async () => {
        const w = await world(asset);
        const a = await w.job().ordered();
        await a.cancel(w.gds);
        const b = await w.job().ordered();
        await expectRevert(b.cancel(w.outsiders[0]), "JobMarketOrderNotExpired");
        await mine(3599);
        await b.cancel(w.outsiders[0]);
        expect(await b.state()).to.equal(JobState.Cancelled);
      });

      it("cancelJob: after dispatch the QC pays 60 % of the total, split by fees", async () => {
        const w = await world(asset);
        const job = await w.job().paid(5000n).dispatched(); // total 4400
        expect(await w.market.read.cancellationFineOf([job.id])).to.equal(2640n);
        const s = settlement(job, await job.cancel());
        expect(s.refund).to.equal(5000n - 2640n);
        for (const d of job.dos) expect(s.credit(d)).to.equal(600n); // 2640 * 1000 / 4400
        for (const m of job.mpcs) expect(s.credit(m)).to.equal(300n);
        expect(s.credit(w.gds)).to.equal(240n);
        expect(s.rewards + s.refund).to.equal(job.paidTotal);
        for (const d of job.dos) await expectFreeAndLocked(w, d, w.stake + 600n);
      });

      it("cancelJob: after dispatch only the QC may cancel", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.cancel(w.gds), "JobMarketUnauthorized");
      });

      it("cancelJob: fails once the job is settled or Aborting", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.fail(job.dos[0]);
        await expectRevert(job.cancel(), "JobMarketWrongState");
        await job.settleAbort();
        await expectRevert(job.cancel(), "JobMarketWrongState");
      });
    });
  }),
);
