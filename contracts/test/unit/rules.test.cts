// The interpretations written down in contracts/README.md, "Rules as implemented".
import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { FailureReason, JobState, Status, status, TaskType } from "../helpers/jobs.cjs";
import { expectRevert } from "../helpers/chain.cjs";
import { creditOf, emittedSettlement } from "../helpers/settlement.cjs";
import { forEachAsset, worldFixture } from "../helpers/world.cjs";

const world = worldFixture();

forEachAsset((asset) =>
  describe(`JobMarket rules as implemented · ${asset}`, () => {
    it("a Failed report is not checked for order (it may name an earlier batch)", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      await job.progressTo(job.dos[0], 1, 5);
      await job.fail(job.dos[0], 0, 0);
      expect(await job.state()).to.equal(JobState.Aborting);
      const [p] = await job.progress();
      expect(p.lastStatus).to.deep.equal(status(TaskType.Training, 0, 0, Status.Failed));
      expect(p.failed).to.equal(true);
    });

    it("an empty group's share goes to the other groups in proportion to their shares", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched(); // 3 DOs at 1000, 2 MPCs: C = 3000
      // both MPCs and one DO judged non-compliant: no good MPC is left
      await job.judge([job.mpcs[0], job.mpcs[1], job.dos[2]]); // unchallenged: settles after the window
      await job.passDeadline("challenge");
      const s = emittedSettlement(job, await job.settleJudgement());
      // 3 offenders: 1000 each, pool 3000; 2 good DOs owed 2000; remainder 1000 split GDS 1250 : DOs 5000
      // (the MPC share 3750 is redistributed): GDS 200, DOs 800 (400 each)
      expect(creditOf(s, job.dos[0])).to.equal(1000n + 400n);
      expect(creditOf(s, job.dos[1])).to.equal(1000n + 400n);
      expect(creditOf(s, w.gds)).to.equal(200n);
    });

    it("when the present groups' shares are all 0, the participant groups take the remainder by fees", async () => {
      const w = await world(asset);
      await w.setParameters({ horizontalShares: [0, 10000, 0] });
      const job = await w.job().dispatched();
      await job.judge([job.mpcs[0], job.mpcs[1], job.dos[2]]); // unchallenged: settles after the window
      await job.passDeadline("challenge");
      const s = emittedSettlement(job, await job.settleJudgement());
      expect(creditOf(s, job.dos[0])).to.equal(1500n);
      expect(creditOf(s, job.dos[1])).to.equal(1500n);
      expect(creditOf(s, w.gds)).to.equal(0n);
    });

    it("a participant timed out at the abort block stays timed out and is fined even if it heartbeats after the abort", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      await mine(3601);
      await w.heartbeat(job.dos[1], ...job.mpcs);
      await job.fail(job.dos[1]);
      expect(await job.isTimedOut(job.dos[0])).to.equal(true);
      await w.heartbeat(job.dos[0]);
      expect(await job.isTimedOut(job.dos[0])).to.equal(true);
      const s = emittedSettlement(job, await job.settleAbort());
      expect(s.fines.map((f) => f.account)).to.deep.equal(
        job.dos.map((d) => d.account.address.toLowerCase()),
      );
    });

    it("a participant alive at the abort block is not fined for going silent afterwards", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      await job.fail(job.dos[1]);
      await mine(3601);
      expect(await job.isTimedOut(job.dos[0])).to.equal(false);
      const s = emittedSettlement(job, await job.settleAbort());
      expect(s.fines.map((f) => f.account)).to.deep.equal([job.dos[1].account.address.toLowerCase()]);
    });

    it("a Horizontal MPC that reported Failed and was not replaced is paid at completion", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      await job.fail(job.mpcs[0]);
      let last;
      for (const d of job.dos) last = await job.complete(d);
      expect(creditOf(emittedSettlement(job, last!), job.mpcs[0])).to.equal(500n);
    });

    it("a Horizontal MPC that reported Failed times out from its report, and is then fined", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      await job.fail(job.mpcs[0]);
      await mine(3600);
      // heartbeats no longer refresh it in this job
      await w.heartbeat(...job.participants);
      expect(await job.isTimedOut(job.mpcs[0])).to.equal(true);
      const s = emittedSettlement(
        job,
        await job.report([job.mpcs[0]], FailureReason.HeartbeatTimeout, job.qc),
      );
      expect(s.fines[0]).to.deep.include({ amount: 3000n, reason: FailureReason.HeartbeatTimeout });
    });

    it("Vertical: an MPC that completed its part can be neither replaced nor asked to be (docs/rules.md §11.3)", async () => {
      const w = await world(asset);
      const job = await w.job().vertical().mpcs(2).dispatched();
      const [first, second] = job.mpcs;
      for (const p of job.participants) await job.complete(p, TaskType.PSI);
      await job.requestReplacement(job.dos[0], first); // asked while it was still working
      await job.complete(first);
      await expectRevert(job.replace(first, w.mpcs[3]), "JobMarketParticipantFinished");
      await expectRevert(job.requestReplacement(job.dos[0], first), "JobMarketParticipantFinished");
      // the job completes on its MPCs, the first one paid m * N * F
      const s = emittedSettlement(job, await job.complete(second));
      expect(await job.state()).to.equal(JobState.Completed);
      expect(creditOf(s, first)).to.equal(500n * 3n);
    });

    it("a timed-out participant that sends an update is alive again", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      await mine(3601);
      expect(await job.isTimedOut(job.dos[0])).to.equal(true);
      await job.update(job.dos[0], status(TaskType.Training, 0, 0, Status.Started));
      expect(await job.isTimedOut(job.dos[0])).to.equal(false);
    });
  }),
);
