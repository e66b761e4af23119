import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress, type Address } from "viem";
import { expect } from "../helpers/chai.cjs";
import { deployMarket, NODE_STAKE, ROLE_DO, type MarketFixture } from "../helpers/deploy.cjs";
import {
  ALL,
  assignMpcs,
  completeAll,
  dispatchJob,
  JobType,
  newJobId,
  placeOrder,
  Reason,
  State,
  Status,
  status,
  Task,
  type DispatchedJob,
} from "../helpers/jobs.cjs";

/** Credits of the last settlement by recipient, and the totals that must balance. */
async function settlement(f: MarketFixture) {
  const [reward] = await f.market.getEvents.RewardDistributed();
  const [refund] = await f.market.getEvents.Refund();
  const fined = await f.market.getEvents.Fined();
  const credits = new Map<Address, bigint>();
  (reward?.args.recipients ?? []).forEach((r, i) => credits.set(r, reward!.args.amounts![i]));
  const sum = (xs: readonly bigint[] = []) => xs.reduce((a, b) => a + b, 0n);
  return {
    credits,
    credit: (a: { account: { address: Address } }) => credits.get(getAddress(a.account.address)) ?? 0n,
    rewards: sum(reward?.args.amounts),
    refund: sum(refund.args.amounts),
    fines: fined.map((e) => e.args),
    fineTotal: sum(fined.map((e) => e.args.amount!)),
  };
}

async function expectFreeAndLocked(f: MarketFixture, who: { account: { address: Address } }, free: bigint) {
  expect(await f.market.read.stakeOf([who.account.address])).to.deep.equal([free, 0n]);
}

/** The draft's corner scenario: 10 DOs at 1000, F 1, 2 MPCs at 500, GDS 10 %. */
async function cornerScenario(f: MarketFixture): Promise<DispatchedJob> {
  for (const extra of f.outsiders.slice(0, 2)) {
    await f.market.write.registerNode([ROLE_DO], { account: extra.account, value: NODE_STAKE });
  }
  return dispatchJob(f, { dos: [...f.dos, ...f.outsiders.slice(0, 2)], mpcPrice: 500n });
}

describe("JobMarket settlement", () => {
  describe("completion", () => {
    it("settles a Vertical job: DO fees, MPC fee m * N * F, GDS fee, overpayment back", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { jobType: JobType.Vertical, mpcCount: 1, factor: 2, mpcPrice: 10n });
      await completeAll(f, job);
      const s = await settlement(f);
      expect(job.totalPrice).to.equal(6666n);
      for (const d of job.dos) expect(s.credit(d)).to.equal(2000n);
      expect(s.credit(job.mpcs[0])).to.equal(60n);
      expect(s.credit(f.gds)).to.equal(606n);
      expect(s.rewards + s.refund).to.equal(job.paid);
      await expectFreeAndLocked(f, job.mpcs[0], NODE_STAKE + 60n);
    });
  });

  describe("reportFailure", () => {
    it("reportFailure: the draft's corner scenario, to the wei", async () => {
      const f = await loadFixture(deployMarket);
      const job = await cornerScenario(f);
      expect(job.totalPrice).to.equal(12_100n);
      expect(job.collateral).to.equal(10_000n);
      const do3 = job.dos[2];
      // everyone but DO3 stays alive
      await mine(3600);
      for (const p of [...job.dos, ...job.mpcs]) {
        if (p !== do3) await f.market.write.heartbeat({ account: p.account });
      }
      await f.market.write.reportFailure([job.id, [do3.account.address], Reason.HeartbeatTimeout], {
        account: f.outsiders[2].account, // anyone may report a verified timeout
      });
      const s = await settlement(f);
      expect(s.refund).to.equal(12_100n);
      expect(s.fines).to.deep.equal([
        {
          id: job.id,
          offender: getAddress(do3.account.address),
          amount: 10_000n,
          reason: Reason.HeartbeatTimeout,
        },
      ]);
      for (const d of job.dos) if (d !== do3) expect(s.credit(d)).to.equal(1000n + 55n); // 500 / 9 = 55
      for (const m of job.mpcs) expect(s.credit(m)).to.equal(187n); // 375 / 2
      expect(s.credit(f.gds)).to.equal(125n + 1n + 5n); // share + MPC dust + DO dust
      expect(s.rewards + s.refund).to.equal(job.paid + s.fineTotal);
      expect(await f.market.read.stakeOf([do3.account.address])).to.deep.equal([NODE_STAKE - 10_000n, 0n]);
      await expectFreeAndLocked(f, job.dos[0], NODE_STAKE + 1055n);
      expect(await f.market.read.balanceOf([job.qc.account.address])).to.equal(12_100n);
      const view = await f.market.read.getJob([job.id]);
      expect(view.state).to.equal(State.Failed);
      expect(view.settledAt).to.equal(await f.publicClient.getBlockNumber());
    });

    it("reportFailure: two offenders share the fine (each C / 2) and timed-out participants are caught too", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { dos: f.dos.slice(0, 4) }); // C = 4000
      await mine(3600);
      for (const p of [job.dos[0], job.dos[1], ...job.mpcs]) {
        await f.market.write.heartbeat({ account: p.account });
      }
      // only DO3 is named; DO4 is timed out as well
      await f.market.write.reportFailure([job.id, [job.dos[2].account.address], Reason.HeartbeatTimeout], {
        account: f.gds.account,
      });
      const s = await settlement(f);
      expect(s.fines.map((x) => x.amount)).to.deep.equal([2000n, 2000n]);
      expect(s.fines.map((x) => x.offender)).to.deep.equal(
        [job.dos[2], job.dos[3]].map((d) => getAddress(d.account.address)),
      );
      // pool 4000: two good DOs owed 1000 each; remainder 2000 = 250 GDS / 750 MPCs / 1000 DOs
      expect(s.credit(job.dos[0])).to.equal(1000n + 500n);
      expect(s.credit(job.mpcs[0])).to.equal(375n);
      expect(s.credit(f.gds)).to.equal(250n);
      expect(s.rewards + s.refund).to.equal(job.paid + s.fineTotal);
    });

    it("reportFailure: the GDS reports a non-compliant result (not timed out)", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await f.market.write.reportFailure([job.id, [job.mpcs[0].account.address], Reason.NonCompliantResult], {
        account: f.gds.account,
      });
      const s = await settlement(f);
      expect(s.fines).to.deep.equal([
        {
          id: job.id,
          offender: getAddress(job.mpcs[0].account.address),
          amount: 3000n,
          reason: Reason.NonCompliantResult,
        },
      ]);
      // pool 3000 pays the three DOs their fees in full; nothing remains
      for (const d of job.dos) expect(s.credit(d)).to.equal(1000n);
      expect(s.credit(job.mpcs[1])).to.equal(0n);
      expect(s.rewards + s.refund).to.equal(job.paid + s.fineTotal);
    });

    it("reportFailure: compensation shrinks in proportion when the pool is short, dust to the GDS", async () => {
      const f = await loadFixture(deployMarket);
      const params = await f.market.read.parameters();
      await f.market.write.setParameters([{ ...params, detectedFineBps: 5000 }], {
        account: f.admin.account,
      });
      const job = await dispatchJob(f, { prices: [1000n, 2000n, 4000n] }); // C = 7000, fine 3500
      await f.market.write.reportFailure([job.id, [job.dos[2].account.address], Reason.NonCompliantResult], {
        account: f.gds.account,
      });
      const s = await settlement(f);
      // owed 1000 + 2000 = 3000 <= 3500: paid in full, 500 remains: 62 GDS(+dust), 187 MPCs, 250 DOs by fee
      expect(s.credit(job.dos[0])).to.equal(1000n + 83n);
      expect(s.credit(job.dos[1])).to.equal(2000n + 166n);
      expect(s.rewards).to.equal(3500n);
      expect(s.rewards + s.refund).to.equal(job.paid + s.fineTotal);

      const job2 = await dispatchJob(f, {
        dos: f.dos.slice(3, 6),
        mpcs: f.mpcs.slice(2, 4),
        prices: [1000n, 1000n, 1000n],
      }); // C = 3000, fine 1500 < owed 2000
      await f.market.write.reportFailure(
        [job2.id, [job2.dos[0].account.address], Reason.NonCompliantResult],
        {
          account: f.gds.account,
        },
      );
      const s2 = await settlement(f);
      expect(s2.credit(job2.dos[1])).to.equal(750n);
      expect(s2.credit(job2.mpcs[0])).to.equal(0n);
      expect(s2.credit(f.gds)).to.equal(0n);
      expect(s2.rewards + s2.refund).to.equal(job2.paid + s2.fineTotal);
    });

    it("reportFailure: with no good DO or MPC the remainder goes back to the QC", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { dos: f.dos.slice(0, 1), mpcCount: 1 }); // C = 1000
      await mine(3601);
      await f.market.write.reportFailure([job.id, [job.dos[0].account.address], Reason.HeartbeatTimeout], {
        account: job.qc.account,
      });
      const s = await settlement(f);
      expect(s.fineTotal).to.equal(1000n); // 500 each
      expect(s.rewards).to.equal(0n);
      expect(s.refund).to.equal(job.paid + 1000n);
    });

    it("reportFailure: fails on reason 0 or 3", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      for (const reason of [0, 3]) {
        await expect(
          f.market.write.reportFailure([job.id, [job.dos[0].account.address], reason], {
            account: f.gds.account,
          }),
        ).to.be.rejectedWith("JobMarketInvalidReason");
      }
    });

    it("reportFailure: a non-compliant result needs GDS_ROLE", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await expect(
        f.market.write.reportFailure([job.id, [job.dos[0].account.address], Reason.NonCompliantResult], {
          account: job.qc.account,
        }),
      ).to.be.rejectedWith("AccessControlUnauthorizedAccount");
    });

    it("reportFailure: fails with no offenders, a non-participant, or a duplicate", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      const gds = { account: f.gds.account };
      await expect(f.market.write.reportFailure([job.id, [], 2], gds)).to.be.rejectedWith(
        "JobMarketNoOffenders",
      );
      await expect(
        f.market.write.reportFailure([job.id, [f.dos[7].account.address], 2], gds),
      ).to.be.rejectedWith("JobMarketNotParticipant");
      const d = job.dos[0].account.address;
      await expect(f.market.write.reportFailure([job.id, [d, d], 2], gds)).to.be.rejectedWith(
        "JobMarketDuplicateParticipant",
      );
    });

    it("reportFailure: fails if a named participant is not timed out", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await mine(3599); // the report lands at dispatch + 3600: not yet past the timeout
      await expect(
        f.market.write.reportFailure([job.id, [job.dos[0].account.address], Reason.HeartbeatTimeout], {
          account: f.outsiders[0].account,
        }),
      ).to.be.rejectedWith("JobMarketNotTimedOut");
    });

    it("reportFailure: fails unless the job is Dispatched", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await expect(
        f.market.write.reportFailure([job.id, [job.dos[0].account.address], 2], { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketWrongState");
      await expect(
        f.market.write.reportFailure([newJobId(), [job.dos[0].account.address], 2], {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketUnknownJob");
    });
  });

  describe("settleAbort", () => {
    async function abortedJob(f: MarketFixture) {
      // 4 DOs at 1000, 4 epochs: DO1 completed 2 epochs, DO2 1 epoch, DO3 none, DO4 reports Failed
      const job = await dispatchJob(f, { dos: f.dos.slice(0, 4), totalEpochs: 4 });
      const report = (w: (typeof job.dos)[number], s: ReturnType<typeof status>) =>
        f.market.write.updateJobStatus([job.id, s], { account: w.account });
      await report(job.dos[0], status(Task.Training, 1, ALL, Status.Completed));
      await report(job.dos[1], status(Task.Training, 0, ALL, Status.Completed));
      await report(job.dos[2], status(Task.Training, 0, 3, Status.InProgress));
      await report(job.dos[3], status(Task.Training, 1, 0, Status.Failed));
      return job;
    }

    it("settleAbort: fines the self-reporter 80 % and compensates good DOs by completed epochs", async () => {
      const f = await loadFixture(deployMarket);
      const job = await abortedJob(f);
      await f.market.write.settleAbort([job.id], { account: f.gds.account }); // the GDS may settle at once
      const s = await settlement(f);
      expect(s.fines).to.deep.equal([
        {
          id: job.id,
          offender: getAddress(job.dos[3].account.address),
          amount: 3200n,
          reason: Reason.SelfReported,
        },
      ]);
      // owed 500 + 250 + 0 = 750 of a 3200 pool; remainder 2450: GDS 306 (+dust), MPCs 918 (459 each), DOs 1225
      expect(s.credit(job.dos[0])).to.equal(500n + 408n);
      expect(s.credit(job.dos[1])).to.equal(250n + 408n);
      expect(s.credit(job.dos[2])).to.equal(408n);
      expect(s.credit(job.mpcs[0])).to.equal(459n);
      expect(s.rewards + s.refund).to.equal(job.paid + s.fineTotal);
      expect(s.refund).to.equal(job.paid);
      expect(await f.market.read.stakeOf([job.dos[3].account.address])).to.deep.equal([
        NODE_STAKE - 3200n,
        0n,
      ]);
      expect((await f.market.read.getJob([job.id])).state).to.equal(State.Failed);
    });

    it("settleAbort: anyone may settle once the grace is over, not before", async () => {
      const f = await loadFixture(deployMarket);
      const job = await abortedJob(f);
      await expect(
        f.market.write.settleAbort([job.id], { account: f.outsiders[0].account }),
      ).to.be.rejectedWith("JobMarketGraceNotOver");
      await mine(99);
      await f.market.write.settleAbort([job.id], { account: f.outsiders[0].account });
      expect((await f.market.read.getJob([job.id])).state).to.equal(State.Failed);
    });

    it("settleAbort: a self-report made after its own timeout is fined as detected, and participants already timed out at the abort are fined", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { dos: f.dos.slice(0, 3) });
      await mine(3601);
      await f.market.write.heartbeat({ account: job.dos[0].account });
      for (const m of job.mpcs) await f.market.write.heartbeat({ account: m.account });
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, Status.Failed)], {
        account: job.dos[1].account,
      });
      // DO2 reported Failed after its own timeout; DO3 was already timed out at the abort block
      await f.market.write.settleAbort([job.id], { account: f.gds.account });
      const s = await settlement(f);
      expect(s.fines).to.deep.equal([
        {
          id: job.id,
          offender: getAddress(job.dos[1].account.address),
          amount: 1500n,
          reason: Reason.HeartbeatTimeout,
        },
        {
          id: job.id,
          offender: getAddress(job.dos[2].account.address),
          amount: 1500n,
          reason: Reason.HeartbeatTimeout,
        },
      ]);
      expect(s.rewards + s.refund).to.equal(job.paid + s.fineTotal);
    });

    it("settleAbort: fails unless the job is Aborting", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await expect(f.market.write.settleAbort([job.id], { account: f.gds.account })).to.be.rejectedWith(
        "JobMarketWrongState",
      );
    });
  });

  describe("cancelJob", () => {
    it("cancelJob: before dispatch the QC gets everything back and all collateral is unlocked", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await assignMpcs(f, job);
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: 100n });
      expect(await f.market.read.cancellationFineOf([job.id])).to.equal(0n);
      await f.market.write.cancelJob([job.id], { account: job.qc.account });
      const s = await settlement(f);
      expect(s.refund).to.equal(100n);
      expect(s.rewards).to.equal(0n);
      for (const p of [...job.dos, ...f.mpcs.slice(0, 2)]) await expectFreeAndLocked(f, p, NODE_STAKE);
      expect((await f.market.read.getJob([job.id])).state).to.equal(State.Cancelled);
    });

    it("cancelJob: the GDS may cancel an order; anyone once it expired, nobody else before", async () => {
      const f = await loadFixture(deployMarket);
      const a = await placeOrder(f);
      await f.market.write.cancelJob([a.id], { account: f.gds.account });
      const b = await placeOrder(f);
      await expect(f.market.write.cancelJob([b.id], { account: f.outsiders[0].account })).to.be.rejectedWith(
        "JobMarketOrderNotExpired",
      );
      await mine(3599);
      await f.market.write.cancelJob([b.id], { account: f.outsiders[0].account });
      expect((await f.market.read.getJob([b.id])).state).to.equal(State.Cancelled);
    });

    it("cancelJob: after dispatch the QC pays 60 % of the total, split by fees", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f, { pay: 5000n }); // total 4400
      expect(await f.market.read.cancellationFineOf([job.id])).to.equal(2640n);
      await f.market.write.cancelJob([job.id], { account: job.qc.account });
      const s = await settlement(f);
      expect(s.refund).to.equal(5000n - 2640n);
      for (const d of job.dos) expect(s.credit(d)).to.equal(600n); // 2640 * 1000 / 4400
      for (const m of job.mpcs) expect(s.credit(m)).to.equal(300n);
      expect(s.credit(f.gds)).to.equal(240n);
      expect(s.rewards + s.refund).to.equal(job.paid);
      for (const d of job.dos) await expectFreeAndLocked(f, d, NODE_STAKE + 600n);
    });

    it("cancelJob: after dispatch only the QC may cancel", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await expect(f.market.write.cancelJob([job.id], { account: f.gds.account })).to.be.rejectedWith(
        "JobMarketUnauthorized",
      );
    });

    it("cancelJob: fails once the job is settled or Aborting", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await f.market.write.updateJobStatus([job.id, status(Task.Training, 0, 0, Status.Failed)], {
        account: job.dos[0].account,
      });
      await expect(f.market.write.cancelJob([job.id], { account: job.qc.account })).to.be.rejectedWith(
        "JobMarketWrongState",
      );
      await f.market.write.settleAbort([job.id], { account: f.gds.account });
      await expect(f.market.write.cancelJob([job.id], { account: job.qc.account })).to.be.rejectedWith(
        "JobMarketWrongState",
      );
    });
  });
});
