import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress } from "viem";
import { expect } from "../helpers/chai.cjs";
import { deployMarket, NODE_STAKE } from "../helpers/deploy.cjs";
import {
  ALL,
  assignMpcs,
  dispatchJob,
  JobType,
  newJobId,
  placeOrder,
  State,
  Status,
  status,
  Task,
} from "../helpers/jobs.cjs";

describe("JobMarket progress", () => {
  describe("updateJobStatus", () => {
    it("updateJobStatus: records progress, counts completed epochs and emits JobStatusUpdated", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { totalEpochs: 3 });
      const d = job.dos[0];
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, Status.Started)], {
        account: d.account,
      });
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 5, Status.InProgress)], {
        account: d.account,
      });
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, ALL, Status.Completed)], {
        account: d.account,
      });
      // the same batch may be reported again (a redo after an MPC replacement)
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 1, 2, Status.Started)], {
        account: d.account,
      });
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 1, 2, Status.InProgress)], {
        account: d.account,
      });
      const [event] = await f.market.getEvents.JobStatusUpdated();
      expect(event.args.participant).to.equal(getAddress(d.account.address));
      expect(event.args.status).to.deep.equal(status(Task.Training, 1, 2, Status.InProgress));
      const progress = await f.market.read.getProgress([job.id]);
      expect(progress).to.have.length(5);
      const mine0 = progress[0];
      expect(mine0.account).to.equal(getAddress(d.account.address));
      expect(mine0.role).to.equal(1);
      expect(mine0.fee).to.equal(1000n);
      expect(mine0.reported).to.equal(true);
      expect(mine0.completedEpochs).to.equal(1);
      expect(mine0.lastSeen).to.equal(await f.publicClient.getBlockNumber());
      expect(mine0.lastStatus).to.deep.equal(status(Task.Training, 1, 2, Status.InProgress));
      expect(progress[3].role).to.equal(2);
      expect(progress[3].fee).to.equal(500n);
      expect(progress[3].reported).to.equal(false);
    });

    it("updateJobStatus: Horizontal completes when every DO completed, paying every fee and refunding the overpayment", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { pay: 5000n }); // total 4400
      for (const d of job.dos) {
        await f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, ALL, Status.Completed)], {
          account: d.account,
        });
      }
      const view = await f.market.read.getJob([job.id]);
      expect(view.state).to.equal(State.Completed);
      expect(view.paid).to.equal(0n);
      for (const d of job.dos) {
        expect(await f.market.read.stakeOf([d.account.address])).to.deep.equal([NODE_STAKE + 1000n, 0n]);
      }
      for (const m of job.mpcs) {
        expect(await f.market.read.stakeOf([m.account.address])).to.deep.equal([NODE_STAKE + 500n, 0n]);
      }
      expect(await f.market.read.balanceOf([f.gds.account.address])).to.equal(400n);
      expect(await f.market.read.balanceOf([job.qc.account.address])).to.equal(600n);
      const [reward] = await f.market.getEvents.RewardDistributed();
      expect(reward.args.amounts!.reduce((a, b) => a + b, 0n)).to.equal(4400n);
      const [refund] = await f.market.getEvents.Refund();
      expect(refund.args.recipients).to.deep.equal([getAddress(job.qc.account.address)]);
      expect(refund.args.amounts).to.deep.equal([600n]);
      const [settled] = await f.market.getEvents.JobSettled();
      expect(settled.args.finalState).to.equal(State.Completed);
      // the QC withdraws its refund
      await f.market.write.withdraw([600n], { account: job.qc.account });
    });

    it("updateJobStatus: Vertical goes PSI then Training and completes when every MPC completed", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { jobType: JobType.Vertical, mpcCount: 1 });
      const [d, m] = [job.dos[0], job.mpcs[0]];
      await f.market.write.updateJobStatus([job.id, status(Task.PSI, 0, 0, Status.Started)], {
        account: d.account,
      });
      await f.market.write.updateJobStatus([job.id, status(Task.PSI, 7, 0, Status.Completed)], {
        account: d.account,
      }); // PSI levels are not bounded by totalEpochs
      await f.market.write.updateJobStatus([job.id, status(Task.PSI, ALL, ALL, Status.Completed)], {
        account: d.account,
      });
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, Status.Started)], {
        account: d.account,
      });
      await f.market.write.updateJobStatus([job.id, status(Task.PSI, ALL, ALL, Status.Completed)], {
        account: m.account,
      });
      await f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, ALL, Status.Completed)], {
        account: m.account,
      });
      expect((await f.market.read.getJob([job.id])).state).to.equal(State.Completed);
    });

    it("updateJobStatus: fails for an unknown job or one that is not Dispatched", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.updateJobStatus([newJobId(), status(0, 0, 0, 0)], { account: f.dos[0].account }),
      ).to.be.rejectedWith("JobMarketUnknownJob");
      const job = await placeOrder(f);
      await expect(
        f.market.write.updateJobStatus([job.id, status(0, 0, 0, 0)], { account: job.dos[0].account }),
      ).to.be.rejectedWith("JobMarketWrongState");
    });

    it("updateJobStatus: fails for an account that is not a participant", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await expect(
        f.market.write.updateJobStatus([job.id, status(0, 0, 0, 0)], { account: f.dos[7].account }),
      ).to.be.rejectedWith("JobMarketNotParticipant");
    });

    it("updateJobStatus: fails on a status above 3", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await expect(
        f.market.write.updateJobStatus([job.id, status(0, 0, 0, 4)], { account: job.dos[0].account }),
      ).to.be.rejectedWith("JobMarketInvalidStatus");
    });

    it("updateJobStatus: fails on a task type the job type and role do not accept", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Aggregation, 0, 0, 0)], {
          account: job.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketInvalidTaskType");
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, 0)], {
          account: job.mpcs[0].account,
        }),
      ).to.be.rejectedWith("JobMarketInvalidTaskType");
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.PSI, 0, 0, 0)], { account: job.dos[0].account }),
      ).to.be.rejectedWith("JobMarketInvalidTaskType");
      const vertical = await dispatchJob(f, {
        jobType: JobType.Vertical,
        mpcCount: 1,
        dos: f.dos.slice(3, 5),
      });
      await expect(
        f.market.write.updateJobStatus([vertical.id, status(Task.Aggregation, 0, 0, 0)], {
          account: vertical.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketInvalidTaskType");
      await expect(
        f.market.write.updateJobStatus([vertical.id, status(5, 0, 0, 0)], {
          account: vertical.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketInvalidTaskType");
    });

    it("updateJobStatus: fails on Vertical Training before the participant's PSI stage ended", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { jobType: JobType.Vertical, mpcCount: 1 });
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, 0)], {
          account: job.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketPsiNotComplete");
    });

    it("updateJobStatus: fails when progress goes backwards", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      const d = job.dos[0];
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 1, 3, Status.InProgress)], {
        account: d.account,
      });
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Training, 1, 2, Status.InProgress)], {
          account: d.account,
        }),
      ).to.be.rejectedWith("JobMarketProgressRegressed");
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Training, 0, ALL, Status.Completed)], {
          account: d.account,
        }),
      ).to.be.rejectedWith("JobMarketProgressRegressed");
      // Vertical: back to PSI after the PSI stage ended
      const v = await dispatchJob(f, { jobType: JobType.Vertical, mpcCount: 1, dos: f.dos.slice(3, 5) });
      await f.market.write.updateJobStatus([v.id, status(Task.PSI, ALL, ALL, Status.Completed)], {
        account: v.dos[0].account,
      });
      await expect(
        f.market.write.updateJobStatus([v.id, status(Task.PSI, 3, 0, Status.Started)], {
          account: v.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketProgressRegressed");
    });

    it("updateJobStatus: fails on an epoch at or above totalEpochs", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { totalEpochs: 2 });
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Training, 2, 0, 0)], {
          account: job.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketEpochOutOfRange");
    });

    it("updateJobStatus: fails on epoch ALL without batch ALL", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, 0, Status.Completed)], {
          account: job.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketInvalidBatch");
    });

    it("updateJobStatus: fails after the participant completed its part or reported Failed", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, ALL, Status.Completed)], {
        account: job.dos[0].account,
      });
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, ALL, Status.Completed)], {
          account: job.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketParticipantFinished");
      // a Horizontal MPC's Failed report does not abort the job; it asks for its replacement
      await f.market.write.updateJobStatus([job.id, status(Task.Aggregation, 0, 0, Status.Failed)], {
        account: job.mpcs[0].account,
      });
      expect((await f.market.read.getJob([job.id])).state).to.equal(State.Dispatched);
      const [request] = await f.market.getEvents.MpcReplacementRequested();
      expect(request.args.mpc).to.equal(getAddress(job.mpcs[0].account.address));
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Aggregation, 0, 0, Status.InProgress)], {
          account: job.mpcs[0].account,
        }),
      ).to.be.rejectedWith("JobMarketParticipantFinished");
    });

    it("updateJobStatus: a DO's Failed report puts the job into Aborting; further updates are refused", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 1, Status.Failed)], {
        account: job.dos[1].account,
      });
      const view = await f.market.read.getJob([job.id]);
      expect(view.state).to.equal(State.Aborting);
      expect(view.abortReporter).to.equal(getAddress(job.dos[1].account.address));
      expect(view.abortedAt).to.equal(await f.publicClient.getBlockNumber());
      const [aborting] = await f.market.getEvents.JobAborting();
      expect(aborting.args.reporter).to.equal(getAddress(job.dos[1].account.address));
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 1, Status.InProgress)], {
          account: job.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketWrongState");
    });
  });

  describe("liveness", () => {
    it("isTimedOut: holds only after timeoutBlocks without heartbeat or update, and never for a completed part", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      const [a, b, c] = job.dos;
      await f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, ALL, Status.Completed)], {
        account: c.account,
      });
      await mine(3599);
      await f.market.write.heartbeat({ account: b.account });
      // dispatch block D, now D + 3601 after the heartbeat's block: a is timed out (> lastSeen + 3600)
      expect(await f.market.read.isTimedOut([job.id, a.account.address])).to.equal(true);
      expect(await f.market.read.isTimedOut([job.id, b.account.address])).to.equal(false);
      expect(await f.market.read.isTimedOut([job.id, c.account.address])).to.equal(false);
      expect(await f.market.read.isTimedOut([job.id, f.outsiders[0].account.address])).to.equal(false);
      const progress = await f.market.read.getProgress([job.id]);
      expect(progress[0].timedOut).to.equal(true);
      expect(progress[1].timedOut).to.equal(false);
    });

    it("isTimedOut: exactly at lastSeen + timeoutBlocks a participant is not yet timed out", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      const { dispatchedAt } = await f.market.read.getJob([job.id]);
      await mine(3600n - ((await f.publicClient.getBlockNumber()) - dispatchedAt));
      expect(await f.publicClient.getBlockNumber()).to.equal(dispatchedAt + 3600n);
      expect(await f.market.read.isTimedOut([job.id, job.dos[0].account.address])).to.equal(false);
      await mine(1);
      expect(await f.market.read.isTimedOut([job.id, job.dos[0].account.address])).to.equal(true);
    });
  });

  describe("requestMpcReplacement", () => {
    it("requestMpcReplacement: a DO flags an MPC and the event names both", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await f.market.write.requestMpcReplacement([job.id, job.mpcs[1].account.address], {
        account: job.dos[0].account,
      });
      const [event] = await f.market.getEvents.MpcReplacementRequested();
      expect(event.args.requester).to.equal(getAddress(job.dos[0].account.address));
      expect(event.args.mpc).to.equal(getAddress(job.mpcs[1].account.address));
      expect((await f.market.read.getProgress([job.id]))[4].replacementRequested).to.equal(true);
    });

    it("requestMpcReplacement: fails for a non-participant, an MPC caller, or a target that is not a current MPC", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      const target = job.mpcs[0].account.address;
      await expect(
        f.market.write.requestMpcReplacement([job.id, target], { account: f.outsiders[0].account }),
      ).to.be.rejectedWith("JobMarketNotParticipant");
      await expect(
        f.market.write.requestMpcReplacement([job.id, target], { account: job.mpcs[1].account }),
      ).to.be.rejectedWith("JobMarketWrongRole");
      await expect(
        f.market.write.requestMpcReplacement([job.id, job.dos[1].account.address], {
          account: job.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketNotParticipant");
    });

    it("requestMpcReplacement: fails before dispatch", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await assignMpcs(f, job);
      await expect(
        f.market.write.requestMpcReplacement([job.id, f.mpcs[0].account.address], {
          account: job.dos[0].account,
        }),
      ).to.be.rejectedWith("JobMarketWrongState");
    });
  });

  describe("replaceMpc", () => {
    it("replaceMpc: swaps a requested MPC, unlocks its collateral and locks the new one's", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      const [old, fresh] = [job.mpcs[0], f.mpcs[4]];
      await f.market.write.requestMpcReplacement([job.id, old.account.address], {
        account: job.dos[0].account,
      });
      await f.market.write.replaceMpc([job.id, old.account.address, fresh.account.address], {
        account: f.gds.account,
      });
      const [, , mpcs] = await f.market.read.getParticipants([job.id]);
      expect(mpcs).to.deep.equal([fresh, job.mpcs[1]].map((m) => getAddress(m.account.address)));
      expect(await f.market.read.stakeOf([old.account.address])).to.deep.equal([NODE_STAKE, 0n]);
      expect(await f.market.read.stakeOf([fresh.account.address])).to.deep.equal([NODE_STAKE - 3000n, 3000n]);
      const [event] = await f.market.getEvents.MpcReplaced();
      expect(event.args.replacements).to.equal(1);
      const view = await f.market.read.getJob([job.id]);
      expect(view.replacements).to.equal(1);
      // the replacement starts afresh; its liveness counts from joining
      const progress = await f.market.read.getProgress([job.id]);
      expect(progress[3].reported).to.equal(false);
      expect(progress[3].lastSeen).to.equal(await f.publicClient.getBlockNumber());
      // the replaced MPC is no longer a participant
      await expect(
        f.market.write.updateJobStatus([job.id, status(Task.Aggregation, 0, 0, 0)], { account: old.account }),
      ).to.be.rejectedWith("JobMarketNotParticipant");
    });

    it("replaceMpc: allowed for an MPC that reported Failed or is timed out", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await f.market.write.updateJobStatus([job.id, status(Task.Aggregation, 0, 0, Status.Failed)], {
        account: job.mpcs[0].account,
      });
      await f.market.write.replaceMpc([job.id, job.mpcs[0].account.address, f.mpcs[2].account.address], {
        account: f.gds.account,
      });
      await mine(3601);
      await f.market.write.replaceMpc([job.id, job.mpcs[1].account.address, f.mpcs[3].account.address], {
        account: f.gds.account,
      });
      expect((await f.market.read.getJob([job.id])).replacements).to.equal(2);
    });

    it("replaceMpc: fails for an MPC with no request, no Failed report and no timeout", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await expect(
        f.market.write.replaceMpc([job.id, job.mpcs[0].account.address, f.mpcs[4].account.address], {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketReplacementNotAllowed");
    });

    it("replaceMpc: fails after maxMpcReplacements", async () => {
      const f = await loadFixture(deployMarket);
      const params = await f.market.read.parameters();
      await f.market.write.setParameters([{ ...params, maxMpcReplacements: 1 }], {
        account: f.admin.account,
      });
      const job = await dispatchJob(f);
      await f.market.write.requestMpcReplacement([job.id, job.mpcs[0].account.address], {
        account: job.dos[0].account,
      });
      await f.market.write.requestMpcReplacement([job.id, job.mpcs[1].account.address], {
        account: job.dos[0].account,
      });
      await f.market.write.replaceMpc([job.id, job.mpcs[0].account.address, f.mpcs[2].account.address], {
        account: f.gds.account,
      });
      await expect(
        f.market.write.replaceMpc([job.id, job.mpcs[1].account.address, f.mpcs[3].account.address], {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketReplacementLimit");
    });

    it("replaceMpc: fails if the old one is not a current MPC or the new one is already in the job", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await f.market.write.requestMpcReplacement([job.id, job.mpcs[0].account.address], {
        account: job.dos[0].account,
      });
      await expect(
        f.market.write.replaceMpc([job.id, f.mpcs[3].account.address, f.mpcs[4].account.address], {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketNotParticipant");
      await expect(
        f.market.write.replaceMpc([job.id, job.mpcs[0].account.address, job.mpcs[1].account.address], {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketDuplicateParticipant");
    });

    it("replaceMpc: fails if the new one is not a registered MPC or lacks free stake", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await f.market.write.requestMpcReplacement([job.id, job.mpcs[0].account.address], {
        account: job.dos[0].account,
      });
      await expect(
        f.market.write.replaceMpc([job.id, job.mpcs[0].account.address, f.dos[6].account.address], {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketWrongRole");
      await f.market.write.withdraw([NODE_STAKE - 1n], { account: f.mpcs[4].account });
      await expect(
        f.market.write.replaceMpc([job.id, job.mpcs[0].account.address, f.mpcs[4].account.address], {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketInsufficientFreeStake");
    });

    it("replaceMpc: fails for an account without GDS_ROLE or a job that is not Dispatched", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await expect(
        f.market.write.replaceMpc([job.id, job.mpcs[0].account.address, f.mpcs[4].account.address], {
          account: job.dos[0].account,
        }),
      ).to.be.rejectedWith("AccessControlUnauthorizedAccount");
      const ordered = await placeOrder(f, { dos: f.dos.slice(4, 6) });
      await expect(
        f.market.write.replaceMpc([ordered.id, f.mpcs[0].account.address, f.mpcs[4].account.address], {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketWrongState");
    });
  });
});
