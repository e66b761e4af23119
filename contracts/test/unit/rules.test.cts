// The interpretations written down in contracts/README.md, "Rules as implemented".
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress, type Address } from "viem";
import { expect } from "../helpers/chai.cjs";
import { deployMarket, NODE_STAKE, type MarketFixture } from "../helpers/deploy.cjs";
import {
  ALL,
  completeAll,
  dispatchJob,
  JobType,
  Reason,
  State,
  Status,
  status,
  Task,
} from "../helpers/jobs.cjs";

async function credits(f: MarketFixture) {
  const [reward] = await f.market.getEvents.RewardDistributed();
  const map = new Map<Address, bigint>();
  (reward?.args.recipients ?? []).forEach((r, i) => map.set(r, reward!.args.amounts![i]));
  return (w: { account: { address: Address } }) => map.get(getAddress(w.account.address)) ?? 0n;
}

describe("JobMarket rules as implemented", () => {
  it("a Failed report is not checked for order (it may name an earlier batch)", async () => {
    const f = await loadFixture(deployMarket);
    const job = await dispatchJob(f);
    await f.market.write.updateJobStatus([job.id, status(Task.Training, 1, 5, Status.InProgress)], {
      account: job.dos[0].account,
    });
    await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, Status.Failed)], {
      account: job.dos[0].account,
    });
    expect((await f.market.read.getJob([job.id])).state).to.equal(State.Aborting);
    const [p] = await f.market.read.getProgress([job.id]);
    expect(p.lastStatus).to.deep.equal(status(Task.Training, 0, 0, Status.Failed));
    expect(p.failed).to.equal(true);
  });

  it("an empty group's share goes to the other groups in proportion to their shares", async () => {
    const f = await loadFixture(deployMarket);
    const job = await dispatchJob(f); // 3 DOs at 1000, 2 MPCs: C = 3000
    // both MPCs and one DO judged non-compliant: no good MPC is left
    await f.market.write.reportFailure(
      [job.id, [job.mpcs[0].account.address, job.mpcs[1].account.address, job.dos[2].account.address], 2],
      { account: f.gds.account },
    );
    const credit = await credits(f);
    // 3 offenders: 1000 each, pool 3000; 2 good DOs owed 2000; remainder 1000 split GDS 1250 : DOs 5000
    // (the MPC share 3750 is redistributed): GDS 200, DOs 800 (400 each)
    expect(credit(job.dos[0])).to.equal(1000n + 400n);
    expect(credit(job.dos[1])).to.equal(1000n + 400n);
    expect(credit(f.gds)).to.equal(200n);
  });

  it("when the present groups' shares are all 0, the participant groups take the remainder by fees", async () => {
    const f = await loadFixture(deployMarket);
    const params = await f.market.read.parameters();
    await f.market.write.setParameters([{ ...params, horizontalShares: [0, 10000, 0] }], {
      account: f.admin.account,
    });
    const job = await dispatchJob(f);
    await f.market.write.reportFailure(
      [job.id, [job.mpcs[0].account.address, job.mpcs[1].account.address, job.dos[2].account.address], 2],
      { account: f.gds.account },
    );
    const credit = await credits(f);
    expect(credit(job.dos[0])).to.equal(1500n);
    expect(credit(job.dos[1])).to.equal(1500n);
    expect(credit(f.gds)).to.equal(0n);
  });

  it("a participant timed out at the abort block stays timed out and is fined even if it heartbeats after the abort", async () => {
    const f = await loadFixture(deployMarket);
    const job = await dispatchJob(f);
    await mine(3601);
    for (const p of [job.dos[1], ...job.mpcs]) await f.market.write.heartbeat({ account: p.account });
    await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, Status.Failed)], {
      account: job.dos[1].account,
    });
    expect(await f.market.read.isTimedOut([job.id, job.dos[0].account.address])).to.equal(true);
    await f.market.write.heartbeat({ account: job.dos[0].account });
    expect(await f.market.read.isTimedOut([job.id, job.dos[0].account.address])).to.equal(true);
    await f.market.write.settleAbort([job.id], { account: f.gds.account });
    const fined = await f.market.getEvents.Fined();
    expect(fined.map((e) => e.args.offender)).to.deep.equal(
      [job.dos[0], job.dos[1], job.dos[2]].map((d) => getAddress(d.account.address)),
    );
  });

  it("a participant alive at the abort block is not fined for going silent afterwards", async () => {
    const f = await loadFixture(deployMarket);
    const job = await dispatchJob(f);
    await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, Status.Failed)], {
      account: job.dos[1].account,
    });
    await mine(3601);
    expect(await f.market.read.isTimedOut([job.id, job.dos[0].account.address])).to.equal(false);
    await f.market.write.settleAbort([job.id], { account: f.gds.account });
    const fined = await f.market.getEvents.Fined();
    expect(fined.map((e) => e.args.offender)).to.deep.equal([getAddress(job.dos[1].account.address)]);
  });

  it("a Horizontal MPC that reported Failed and was not replaced is paid at completion", async () => {
    const f = await loadFixture(deployMarket);
    const job = await dispatchJob(f);
    await f.market.write.updateJobStatus([job.id, status(Task.Aggregation, 0, 0, Status.Failed)], {
      account: job.mpcs[0].account,
    });
    for (const d of job.dos) {
      await f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, ALL, Status.Completed)], {
        account: d.account,
      });
    }
    const credit = await credits(f);
    expect(credit(job.mpcs[0])).to.equal(500n);
  });

  it("a Horizontal MPC that reported Failed times out from its report, and is then fined", async () => {
    const f = await loadFixture(deployMarket);
    const job = await dispatchJob(f);
    await f.market.write.updateJobStatus([job.id, status(Task.Aggregation, 0, 0, Status.Failed)], {
      account: job.mpcs[0].account,
    });
    await mine(3600);
    // heartbeats no longer refresh it in this job
    for (const p of [...job.dos, ...job.mpcs]) await f.market.write.heartbeat({ account: p.account });
    expect(await f.market.read.isTimedOut([job.id, job.mpcs[0].account.address])).to.equal(true);
    await f.market.write.reportFailure([job.id, [job.mpcs[0].account.address], Reason.HeartbeatTimeout], {
      account: job.qc.account,
    });
    const [fined] = await f.market.getEvents.Fined();
    expect(fined.args).to.deep.include({ amount: 3000n, reason: Reason.HeartbeatTimeout });
  });

  it("Vertical: replacing an MPC that had completed lowers the completed count; the job completes on the new one", async () => {
    const f = await loadFixture(deployMarket);
    const job = await dispatchJob(f, { jobType: JobType.Vertical, mpcCount: 2 });
    for (const p of [...job.dos, ...job.mpcs]) {
      await f.market.write.updateJobStatus([job.id, status(Task.PSI, ALL, ALL, Status.Completed)], {
        account: p.account,
      });
    }
    await f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, ALL, Status.Completed)], {
      account: job.mpcs[0].account,
    });
    await f.market.write.requestMpcReplacement([job.id, job.mpcs[0].account.address], {
      account: job.dos[0].account,
    });
    const fresh = f.mpcs[3];
    await f.market.write.replaceMpc([job.id, job.mpcs[0].account.address, fresh.account.address], {
      account: f.gds.account,
    });
    await f.market.write.updateJobStatus([job.id, status(Task.Training, ALL, ALL, Status.Completed)], {
      account: job.mpcs[1].account,
    });
    expect((await f.market.read.getJob([job.id])).state).to.equal(State.Dispatched);
    await completeAll(f, { ...job, dos: [], mpcs: [fresh] });
    expect((await f.market.read.getJob([job.id])).state).to.equal(State.Completed);
    const credit = await credits(f);
    expect(credit(fresh)).to.equal(500n * 3n); // m * N * F
    expect(credit(job.mpcs[0])).to.equal(0n);
    expect(await f.market.read.stakeOf([job.mpcs[0].account.address])).to.deep.equal([NODE_STAKE, 0n]);
  });

  it("a timed-out participant that sends an update is alive again", async () => {
    const f = await loadFixture(deployMarket);
    const job = await dispatchJob(f);
    await mine(3601);
    expect(await f.market.read.isTimedOut([job.id, job.dos[0].account.address])).to.equal(true);
    await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, Status.Started)], {
      account: job.dos[0].account,
    });
    expect(await f.market.read.isTimedOut([job.id, job.dos[0].account.address])).to.equal(false);
  });
});
