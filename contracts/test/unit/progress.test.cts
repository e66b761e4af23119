import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress } from "viem";
import { expectRevert } from "../helpers/chain.cjs";
import { ALL, JobState, Status, status, TaskType } from "../helpers/jobs.cjs";
import { forEachAsset, worldFixture } from "../helpers/world.cjs";

const world = worldFixture();

forEachAsset((asset) =>
  describe(`JobMarket progress · ${asset}`, () => {
    describe("updateJobStatus", () => {
      it("updateJobStatus: records progress, counts completed epochs and emits JobStatusUpdated", async () => {
        const w = await world(asset);
        const job = await w.job().epochs(3).dispatched();
        const d = job.dos[0];
        await job.update(d, status(TaskType.Training, 0, 0, Status.Started));
        await job.progressTo(d, 0, 5);
        await job.update(d, status(TaskType.Training, 0, ALL, Status.Completed));
        // the same batch may be reported again (a redo after an MPC replacement)
        await job.update(d, status(TaskType.Training, 1, 2, Status.Started));
        await job.progressTo(d, 1, 2);
        const [event] = await w.market.getEvents.JobStatusUpdated();
        expect(event.args.participant).to.equal(getAddress(d.account.address));
        expect(event.args.status).to.deep.equal(status(TaskType.Training, 1, 2, Status.InProgress));
        const progress = await job.progress();
        expect(progress).to.have.length(5);
        const mine0 = progress[0];
        expect(mine0.account).to.equal(getAddress(d.account.address));
        expect(mine0.role).to.equal(1);
        expect(mine0.fee).to.equal(1000n);
        expect(mine0.reported).to.equal(true);
        expect(mine0.completedEpochs).to.equal(1);
        expect(mine0.lastSeen).to.equal(await w.publicClient.getBlockNumber());
        expect(mine0.lastStatus).to.deep.equal(status(TaskType.Training, 1, 2, Status.InProgress));
        expect(progress[3].role).to.equal(2);
        expect(progress[3].fee).to.equal(500n);
        expect(progress[3].reported).to.equal(false);
      });

      it("updateJobStatus: Horizontal completes when every DO completed, paying every fee and refunding the overpayment", async () => {
        const w = await world(asset);
        const job = await w.job().paid(5000n).dispatched(); // total 4400
        for (const d of job.dos) await job.complete(d);
        const view = await job.view();
        expect(view.state).to.equal(JobState.Completed);
        expect(view.paid).to.equal(0n);
        for (const d of job.dos)
          expect(await w.stakeOf(d)).to.deep.equal({ free: w.stake + 1000n, locked: 0n });
        for (const m of job.mpcs)
          expect(await w.stakeOf(m)).to.deep.equal({ free: w.stake + 500n, locked: 0n });
        expect(await w.market.read.balanceOf([w.gds.account.address])).to.equal(w.stake + 400n);
        expect(await w.market.read.balanceOf([job.qc.account.address])).to.equal(600n);
        const [reward] = await w.market.getEvents.RewardDistributed();
        expect(reward.args.amounts!.reduce((a, b) => a + b, 0n)).to.equal(4400n);
        const [refund] = await w.market.getEvents.Refund();
        expect(refund.args.recipients).to.deep.equal([getAddress(job.qc.account.address)]);
        expect(refund.args.amounts).to.deep.equal([600n]);
        const [settled] = await w.market.getEvents.JobSettled();
        expect(settled.args.finalState).to.equal(JobState.Completed);
        // the QC withdraws its refund
        await w.withdraw(job.qc, 600n);
      });

      it("updateJobStatus: Vertical goes PSI then Training and completes when every MPC completed", async () => {
        const w = await world(asset);
        const job = await w.job().vertical().mpcs(1).dispatched();
        const [d, m] = [job.dos[0], job.mpcs[0]];
        await job.update(d, status(TaskType.PSI, 0, 0, Status.Started));
        // PSI levels are not bounded by totalEpochs
        await job.update(d, status(TaskType.PSI, 7, 0, Status.Completed));
        await job.complete(d, TaskType.PSI);
        await job.update(d, status(TaskType.Training, 0, 0, Status.Started));
        await job.complete(m, TaskType.PSI);
        await job.complete(m, TaskType.Training);
        expect(await job.state()).to.equal(JobState.Completed);
      });

      it("updateJobStatus: fails for an unknown job or one that is not Dispatched", async () => {
        const w = await world(asset);
        await expectRevert(
          w
            .job()
            .build()
            .update(w.dos[0], status(0, 0, 0, 0)),
          "JobMarketUnknownJob",
        );
        const job = await w.job().ordered();
        await expectRevert(job.update(job.dos[0], status(0, 0, 0, 0)), "JobMarketWrongState");
      });

      it("updateJobStatus: fails for an account that is not a participant", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.update(w.dos[7], status(0, 0, 0, 0)), "JobMarketNotParticipant");
      });

      it("updateJobStatus: fails on a status above 3", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.update(job.dos[0], status(0, 0, 0, 4)), "JobMarketInvalidStatus");
      });

      it("updateJobStatus: fails on a task type the job type and role do not accept", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        const bad = "JobMarketInvalidTaskType";
        await expectRevert(job.update(job.dos[0], status(TaskType.Aggregation, 0, 0, 0)), bad);
        await expectRevert(job.update(job.mpcs[0], status(TaskType.Training, 0, 0, 0)), bad);
        await expectRevert(job.update(job.dos[0], status(TaskType.PSI, 0, 0, 0)), bad);
        const vertical = await w.job().vertical().mpcs(1).dos(2, { from: 3 }).dispatched();
        await expectRevert(vertical.update(vertical.dos[0], status(TaskType.Aggregation, 0, 0, 0)), bad);
        await expectRevert(vertical.update(vertical.dos[0], status(5, 0, 0, 0)), bad);
      });

      it("updateJobStatus: fails on Vertical Training before the participant's PSI stage ended", async () => {
        const w = await world(asset);
        const job = await w.job().vertical().mpcs(1).dispatched();
        await expectRevert(
          job.update(job.dos[0], status(TaskType.Training, 0, 0, 0)),
          "JobMarketPsiNotComplete",
        );
      });

      it("updateJobStatus: fails when progress goes backwards", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        const d = job.dos[0];
        await job.progressTo(d, 1, 3);
        await expectRevert(job.progressTo(d, 1, 2), "JobMarketProgressRegressed");
        await expectRevert(
          job.update(d, status(TaskType.Training, 0, ALL, Status.Completed)),
          "JobMarketProgressRegressed",
        );
        // Vertical: back to PSI after the PSI stage ended
        const v = await w.job().vertical().mpcs(1).dos(2, { from: 3 }).dispatched();
        await v.complete(v.dos[0], TaskType.PSI);
        await expectRevert(
          v.update(v.dos[0], status(TaskType.PSI, 3, 0, Status.Started)),
          "JobMarketProgressRegressed",
        );
      });

      it("updateJobStatus: fails on an epoch at or above totalEpochs", async () => {
        const w = await world(asset);
        const job = await w.job().epochs(2).dispatched();
        await expectRevert(
          job.update(job.dos[0], status(TaskType.Training, 2, 0, 0)),
          "JobMarketEpochOutOfRange",
        );
      });

      it("updateJobStatus: fails on epoch ALL without batch ALL", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(
          job.update(job.dos[0], status(TaskType.Training, ALL, 0, Status.Completed)),
          "JobMarketInvalidBatch",
        );
      });

      it("updateJobStatus: fails after the participant completed its part or reported Failed", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.complete(job.dos[0]);
        await expectRevert(job.complete(job.dos[0]), "JobMarketParticipantFinished");
        // a Horizontal MPC's Failed report does not abort the job; it asks for its replacement
        await job.fail(job.mpcs[0]);
        expect(await job.state()).to.equal(JobState.Dispatched);
        const [request] = await w.market.getEvents.MpcReplacementRequested();
        expect(request.args.mpc).to.equal(getAddress(job.mpcs[0].account.address));
        await expectRevert(job.progressTo(job.mpcs[0], 0, 0), "JobMarketParticipantFinished");
      });

      it("updateJobStatus: a DO's Failed report puts the job into Aborting; further updates are refused", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.fail(job.dos[1], 0, 1);
        const view = await job.view();
        expect(view.state).to.equal(JobState.Aborting);
        expect(view.abortReporter).to.equal(getAddress(job.dos[1].account.address));
        expect(view.abortedAt).to.equal(await w.publicClient.getBlockNumber());
        const [aborting] = await w.market.getEvents.JobAborting();
        expect(aborting.args.reporter).to.equal(getAddress(job.dos[1].account.address));
        await expectRevert(job.progressTo(job.dos[0], 0, 1), "JobMarketWrongState");
      });
    });

    describe("liveness", () => {
      it("isTimedOut: holds only after timeoutBlocks without heartbeat or update, and never for a completed part", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        const [a, b, c] = job.dos;
        await job.complete(c);
        await mine(3599);
        await w.heartbeat(b);
        // dispatch block D, now D + 3601 after the heartbeat's block: a is timed out (> lastSeen + 3600)
        expect(await job.isTimedOut(a)).to.equal(true);
        expect(await job.isTimedOut(b)).to.equal(false);
        expect(await job.isTimedOut(c)).to.equal(false);
        expect(await job.isTimedOut(w.outsiders[0])).to.equal(false);
        const progress = await job.progress();
        expect(progress[0].timedOut).to.equal(true);
        expect(progress[1].timedOut).to.equal(false);
      });

      it("isTimedOut: exactly at lastSeen + timeoutBlocks a participant is not yet timed out", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        const { dispatchedAt } = await job.view();
        await mine(3600n - ((await w.publicClient.getBlockNumber()) - dispatchedAt));
        expect(await w.publicClient.getBlockNumber()).to.equal(dispatchedAt + 3600n);
        expect(await job.isTimedOut(job.dos[0])).to.equal(false);
        await mine(1);
        expect(await job.isTimedOut(job.dos[0])).to.equal(true);
      });
    });

    describe("requestMpcReplacement", () => {
      it("requestMpcReplacement: a DO flags an MPC and the event names both", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.requestReplacement(job.dos[0], job.mpcs[1]);
        const [event] = await w.market.getEvents.MpcReplacementRequested();
        expect(event.args.requester).to.equal(getAddress(job.dos[0].account.address));
        expect(event.args.mpc).to.equal(getAddress(job.mpcs[1].account.address));
        expect((await job.progress())[4].replacementRequested).to.equal(true);
      });

      it("requestMpcReplacement: fails for a non-participant, an MPC caller, or a target that is not a current MPC", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.requestReplacement(w.outsiders[0], job.mpcs[0]), "JobMarketNotParticipant");
        await expectRevert(job.requestReplacement(job.mpcs[1], job.mpcs[0]), "JobMarketWrongRole");
        await expectRevert(job.requestReplacement(job.dos[0], job.dos[1]), "JobMarketNotParticipant");
      });

      it("requestMpcReplacement: fails before dispatch", async () => {
        const w = await world(asset);
        const job = await w.job().assigned();
        await expectRevert(job.requestReplacement(job.dos[0], job.mpcs[0]), "JobMarketWrongState");
      });
    });

    describe("replaceMpc", () => {
      it("replaceMpc: swaps a requested MPC, unlocks its collateral and locks the new one's", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        const [old, fresh] = [job.mpcs[0], w.mpcs[4]];
        await job.requestReplacement(job.dos[0], old);
        await job.replace(old, fresh);
        const [, , mpcs] = await w.market.read.getParticipants([job.id]);
        expect(mpcs).to.deep.equal([fresh, job.mpcs[1]].map((m) => getAddress(m.account.address)));
        expect(await w.stakeOf(old)).to.deep.equal({ free: w.stake, locked: 0n });
        expect(await w.stakeOf(fresh)).to.deep.equal({ free: w.stake - 3000n, locked: 3000n });
        const [event] = await w.market.getEvents.MpcReplaced();
        expect(event.args.replacements).to.equal(1);
        expect((await job.view()).replacements).to.equal(1);
        // the replacement starts afresh; its liveness counts from joining
        const progress = await job.progress();
        expect(progress[3].reported).to.equal(false);
        expect(progress[3].lastSeen).to.equal(await w.publicClient.getBlockNumber());
        // the replaced MPC is no longer a participant
        await expectRevert(job.update(old, status(TaskType.Aggregation, 0, 0, 0)), "JobMarketNotParticipant");
      });

      it("replaceMpc: allowed for an MPC that reported Failed or is timed out", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.fail(job.mpcs[0]);
        await job.replace(job.mpcs[0], w.mpcs[2]);
        await mine(3601);
        await job.replace(job.mpcs[1], w.mpcs[3]);
        expect((await job.view()).replacements).to.equal(2);
      });

      it("replaceMpc: fails for an MPC with no request, no Failed report and no timeout", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.replace(job.mpcs[0], w.mpcs[4]), "JobMarketReplacementNotAllowed");
      });

      it("replaceMpc: fails after maxMpcReplacements", async () => {
        const w = await world(asset);
        await w.setParameters({ maxMpcReplacements: 1 });
        const job = await w.job().dispatched();
        const [first, second] = job.mpcs;
        await job.requestReplacement(job.dos[0], first);
        await job.requestReplacement(job.dos[0], second);
        await job.replace(first, w.mpcs[2]);
        await expectRevert(job.replace(second, w.mpcs[3]), "JobMarketReplacementLimit");
      });

      it("replaceMpc: fails if the old one is not a current MPC or the new one is already in the job", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.requestReplacement(job.dos[0], job.mpcs[0]);
        await expectRevert(job.replace(w.mpcs[3], w.mpcs[4]), "JobMarketNotParticipant");
        await expectRevert(job.replace(job.mpcs[0], job.mpcs[1]), "JobMarketDuplicateParticipant");
      });

      it("replaceMpc: fails if the new one is not a registered MPC or lacks free stake", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.requestReplacement(job.dos[0], job.mpcs[0]);
        await expectRevert(job.replace(job.mpcs[0], w.dos[6]), "JobMarketWrongRole");
        await w.withdraw(w.mpcs[4], w.stake - 1n);
        await expectRevert(job.replace(job.mpcs[0], w.mpcs[4]), "JobMarketInsufficientFreeStake");
      });

      it("replaceMpc: fails for an account without GDS_ROLE or a job that is not Dispatched", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(
          job.replace(job.mpcs[0], w.mpcs[4], job.dos[0]),
          "AccessControlUnauthorizedAccount",
        );
        const ordered = await w.job().dos(2, { from: 4 }).ordered();
        await expectRevert(ordered.replace(w.mpcs[0], w.mpcs[4]), "JobMarketWrongState");
      });
    });
  }),
);
