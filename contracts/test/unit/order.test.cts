import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress, zeroAddress } from "viem";
import { expect } from "../helpers/chai.cjs";
import { deployMarket, NODE_STAKE, ROLE_DO } from "../helpers/deploy.cjs";
import { assignMpcs, JobType, newJobId, placeOrder, State, type PlacedJob } from "../helpers/jobs.cjs";
import type { MarketFixture } from "../helpers/deploy.cjs";

function args(job: PlacedJob, over: Partial<Record<string, unknown>> = {}) {
  const a = {
    id: job.id,
    jobType: job.jobType,
    qc: job.qc.account.address as `0x${string}`,
    dos: job.dos.map((d) => d.account.address) as `0x${string}`[],
    prices: job.prices,
    factor: job.factor,
    mpcCount: job.mpcCount,
    totalEpochs: job.totalEpochs,
    quote: job.quote,
    ...over,
  } as {
    id: `0x${string}`;
    jobType: number;
    qc: `0x${string}`;
    dos: `0x${string}`[];
    prices: bigint[];
    factor: number;
    mpcCount: number;
    totalEpochs: number;
    quote: bigint;
  };
  return [a.id, a.jobType, a.qc, a.dos, a.prices, a.factor, a.mpcCount, a.totalEpochs, a.quote] as const;
}

function template(f: MarketFixture): PlacedJob {
  const dos = f.dos.slice(0, 3);
  return {
    id: newJobId(),
    jobType: JobType.Horizontal,
    qc: f.qcs[0],
    dos,
    prices: [1000n, 1000n, 1000n],
    factor: 1,
    mpcCount: 2,
    totalEpochs: 2,
    quote: 10n ** 18n,
  };
}

describe("JobMarket orders", () => {
  describe("placeOrder", () => {
    it("placeOrder: records the job, locks C from every DO and emits JobOrdered", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f, { prices: [1000n, 2000n, 3000n], factor: 2, quote: 99n });
      const view = await f.market.read.getJob([job.id]);
      expect(view.state).to.equal(State.Ordered);
      expect(view.collateral).to.equal(12000n); // (1000 + 2000 + 3000) * 2
      expect(view.quote).to.equal(99n);
      expect(view.gds).to.equal(getAddress(f.gds.account.address));
      expect(view.params.timeoutBlocks).to.equal(3600);
      expect(view.params.shares).to.deep.equal([1250, 3750, 5000]);
      for (const d of job.dos) {
        const [free, locked] = await f.market.read.stakeOf([d.account.address]);
        expect(locked).to.equal(12000n);
        expect(free).to.equal(NODE_STAKE - 12000n);
        expect((await f.market.read.getNode([d.account.address])).activeJobs).to.equal(1);
      }
      const [dos, prices, mpcs] = await f.market.read.getParticipants([job.id]);
      expect(dos).to.deep.equal(job.dos.map((d) => getAddress(d.account.address)));
      expect(prices).to.deep.equal([1000n, 2000n, 3000n]);
      expect(mpcs).to.deep.equal([]);
      const [ordered] = await f.market.getEvents.JobOrdered();
      expect(ordered.args.quote).to.equal(99n);
      expect(await f.market.getEvents.CollateralLocked()).to.have.length(3);
      expect(await f.market.read.jobCount()).to.equal(1n);
      expect(await f.market.read.jobIdAt([0n])).to.equal(job.id);
      expect(await f.market.read.collateralOf([job.id])).to.equal(12000n);
    });

    it("placeOrder: fails for an account without GDS_ROLE", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.placeOrder(args(template(f)), { account: f.qcs[0].account }),
      ).to.be.rejectedWith("AccessControlUnauthorizedAccount");
    });

    it("placeOrder: fails while paused", async () => {
      const f = await loadFixture(deployMarket);
      await f.market.write.pause({ account: f.admin.account });
      await expect(
        f.market.write.placeOrder(args(template(f)), { account: f.gds.account }),
      ).to.be.rejectedWith("EnforcedPause");
    });

    it("placeOrder: fails on a zero id or an existing id", async () => {
      const f = await loadFixture(deployMarket);
      const t = template(f);
      await expect(
        f.market.write.placeOrder(args(t, { id: "0x00000000000000000000000000000000" }), {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketInvalidJobId");
      await f.market.write.placeOrder(args(t), { account: f.gds.account });
      await expect(f.market.write.placeOrder(args(t), { account: f.gds.account })).to.be.rejectedWith(
        "JobMarketJobExists",
      );
    });

    it("placeOrder: fails on an invalid job type", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.placeOrder(args(template(f), { jobType: 2 }), { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketInvalidJobType");
    });

    it("placeOrder: fails on a zero QC", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.placeOrder(args(template(f), { qc: zeroAddress }), { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketZeroAddress");
    });

    it("placeOrder: fails if DOs and prices differ in length", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.placeOrder(args(template(f), { prices: [1n, 1n] }), { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketLengthMismatch");
    });

    it("placeOrder: fails with no DO, too many DOs, or a bad MPC count", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.placeOrder(args(template(f), { dos: [], prices: [] }), { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketParticipantCount");
      const params = await f.market.read.parameters();
      await f.market.write.setParameters([{ ...params, maxDosPerJob: 2, maxMpcsPerJob: 3 }], {
        account: f.admin.account,
      });
      await expect(
        f.market.write.placeOrder(args(template(f)), { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketParticipantCount");
      const two = {
        dos: template(f)
          .dos.slice(0, 2)
          .map((d) => d.account.address),
        prices: [1n, 1n],
      };
      for (const mpcCount of [0, 4]) {
        await expect(
          f.market.write.placeOrder(args(template(f), { ...two, mpcCount }), { account: f.gds.account }),
        ).to.be.rejectedWith("JobMarketParticipantCount");
      }
    });

    it("placeOrder: fails on factor 0", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.placeOrder(args(template(f), { factor: 0 }), { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketInvalidFactor");
    });

    it("placeOrder: fails on totalEpochs 0 or ALL", async () => {
      const f = await loadFixture(deployMarket);
      for (const totalEpochs of [0, 0xffffffff]) {
        await expect(
          f.market.write.placeOrder(args(template(f), { totalEpochs }), { account: f.gds.account }),
        ).to.be.rejectedWith("JobMarketInvalidTotalEpochs");
      }
    });

    it("placeOrder: fails on a zero DO price", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.placeOrder(args(template(f), { prices: [1n, 0n, 1n] }), { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketZeroPrice");
    });

    it("placeOrder: fails on a price above uint96 or a quote above uint128", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.placeOrder(args(template(f), { prices: [1n, 2n ** 96n, 1n] }), {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketAmountTooLarge");
      await expect(
        f.market.write.placeOrder(args(template(f), { quote: 2n ** 128n }), { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketAmountTooLarge");
    });

    it("placeOrder: fails on a duplicate DO", async () => {
      const f = await loadFixture(deployMarket);
      const t = template(f);
      const dup = [t.dos[0], t.dos[1], t.dos[0]].map((d) => d.account.address);
      await expect(
        f.market.write.placeOrder(args(t, { dos: dup }), { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketDuplicateParticipant");
    });

    it("placeOrder: fails if a DO is not a registered DO", async () => {
      const f = await loadFixture(deployMarket);
      const t = template(f);
      for (const bad of [f.mpcs[0], f.outsiders[0]]) {
        const dos = [t.dos[0].account.address, bad.account.address, t.dos[2].account.address];
        await expect(
          f.market.write.placeOrder(args(t, { dos }), { account: f.gds.account }),
        ).to.be.rejectedWith("JobMarketWrongRole");
      }
    });

    it("placeOrder: fails if a DO lacks free stake", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.placeOrder(args(template(f), { prices: [NODE_STAKE, 1n, 1n] }), {
          account: f.gds.account,
        }),
      ).to.be.rejectedWith("JobMarketInsufficientFreeStake");
    });
  });

  describe("submitQuery", () => {
    it("submitQuery: accumulates the QC's payments and emits QuerySubmitted", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: 100n });
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: 50n });
      const [event] = await f.market.getEvents.QuerySubmitted();
      expect(event.args).to.deep.include({ amount: 50n, totalPaid: 150n });
      expect((await f.market.read.getJob([job.id])).paid).to.equal(150n);
      expect((await f.market.read.getJob([job.id])).state).to.equal(State.Ordered);
    });

    it("submitQuery: fails for anyone but the job's QC", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await expect(
        f.market.write.submitQuery([job.id], { account: f.qcs[1].account, value: 1n }),
      ).to.be.rejectedWith("JobMarketNotQc");
    });

    it("submitQuery: fails for an unknown job", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.submitQuery([newJobId()], { account: f.qcs[0].account, value: 1n }),
      ).to.be.rejectedWith("JobMarketUnknownJob");
    });

    it("submitQuery: fails while paused", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await f.market.write.pause({ account: f.admin.account });
      await expect(
        f.market.write.submitQuery([job.id], { account: job.qc.account, value: 1n }),
      ).to.be.rejectedWith("EnforcedPause");
    });

    it("submitQuery: fails once the order expired", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await mine(3600);
      await expect(
        f.market.write.submitQuery([job.id], { account: job.qc.account, value: 1n }),
      ).to.be.rejectedWith("JobMarketOrderExpired");
    });

    it("submitQuery: fails after dispatch", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await assignMpcs(f, job);
      const { totalPrice } = await f.market.read.getJob([job.id]);
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: totalPrice });
      await expect(
        f.market.write.submitQuery([job.id], { account: job.qc.account, value: 1n }),
      ).to.be.rejectedWith("JobMarketWrongState");
    });
  });

  describe("assignMpcs and dispatch", () => {
    it("assignMpcs: prices the job, locks C from each MPC, and dispatches when the QC already paid", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: 10_000n });
      const mpcs = await assignMpcs(f, job, undefined, 500n);
      const view = await f.market.read.getJob([job.id]);
      // 3000 DO fees + 2 * 500 MPC fees + 10 % = 4400
      expect(view.totalPrice).to.equal(4400n);
      expect(view.mpcPrice).to.equal(500n);
      expect(view.state).to.equal(State.Dispatched);
      expect(view.dispatchedAt).to.equal(await f.publicClient.getBlockNumber());
      for (const m of mpcs) {
        expect((await f.market.read.stakeOf([m.account.address]))[1]).to.equal(3000n);
      }
      const [dispatched] = await f.market.getEvents.JobDispatched();
      expect(dispatched.args.mpcs).to.deep.equal(mpcs.map((m) => getAddress(m.account.address)));
      expect(dispatched.args.dos).to.deep.equal(job.dos.map((d) => getAddress(d.account.address)));
      const [assigned] = await f.market.getEvents.MpcsAssigned();
      expect(assigned.args.mpcPrice).to.equal(500n);
    });

    it("submitQuery: dispatches when the payment completes the pair", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await assignMpcs(f, job);
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: 4399n });
      expect((await f.market.read.getJob([job.id])).state).to.equal(State.Ordered);
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: 1n });
      expect((await f.market.read.getJob([job.id])).state).to.equal(State.Dispatched);
      expect(await f.market.getEvents.JobDispatched()).to.have.length(1);
    });

    it("assignMpcs: Vertical MPC fee is m * N * F", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f, { jobType: JobType.Vertical, factor: 2, mpcCount: 1 });
      await assignMpcs(f, job, undefined, 10n);
      // DO fees 3 * 1000 * 2 = 6000; MPC fee 10 * 3 * 2 = 60; GDS 10 % of 6060 = 606
      expect((await f.market.read.getJob([job.id])).totalPrice).to.equal(6666n);
    });

    it("assignMpcs: re-assigning releases the previous MPCs", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await assignMpcs(f, job, [f.mpcs[0], f.mpcs[1]]);
      await assignMpcs(f, job, [f.mpcs[1], f.mpcs[2]]);
      expect((await f.market.read.stakeOf([f.mpcs[0].account.address]))[1]).to.equal(0n);
      expect((await f.market.read.stakeOf([f.mpcs[1].account.address]))[1]).to.equal(3000n);
      expect((await f.market.read.stakeOf([f.mpcs[2].account.address]))[1]).to.equal(3000n);
      const [, , mpcs] = await f.market.read.getParticipants([job.id]);
      expect(mpcs).to.deep.equal([f.mpcs[1], f.mpcs[2]].map((m) => getAddress(m.account.address)));
    });

    it("assignMpcs: a total above the quote needs a submitQuery after the assignment (the QC's consent)", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f, { quote: 4000n });
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: 5000n });
      await assignMpcs(f, job); // total 4400 > quote 4000: money already covers it, but no consent yet
      let view = await f.market.read.getJob([job.id]);
      expect(view.state).to.equal(State.Ordered);
      expect(view.consentNeeded).to.equal(true);
      // a zero-value submitQuery is the consent
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: 0n });
      view = await f.market.read.getJob([job.id]);
      expect(view.state).to.equal(State.Dispatched);
      expect(view.consentNeeded).to.equal(false);
    });

    it("assignMpcs: a total within the quote dispatches on money paid before the assignment", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f, { quote: 4400n });
      await f.market.write.submitQuery([job.id], { account: job.qc.account, value: 4400n });
      await assignMpcs(f, job);
      expect((await f.market.read.getJob([job.id])).state).to.equal(State.Dispatched);
    });

    it("assignMpcs: fails for an account without GDS_ROLE", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await expect(
        f.market.write.assignMpcs([job.id, [f.mpcs[0].account.address, f.mpcs[1].account.address], 1n], {
          account: f.qcs[0].account,
        }),
      ).to.be.rejectedWith("AccessControlUnauthorizedAccount");
    });

    it("assignMpcs: fails on the wrong number of MPCs", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await expect(assignMpcs(f, job, [f.mpcs[0]])).to.be.rejectedWith("JobMarketParticipantCount");
    });

    it("assignMpcs: fails on a zero or too large MPC price", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await expect(assignMpcs(f, job, undefined, 0n)).to.be.rejectedWith("JobMarketZeroPrice");
      await expect(assignMpcs(f, job, undefined, 2n ** 96n)).to.be.rejectedWith("JobMarketAmountTooLarge");
    });

    it("assignMpcs: fails on a duplicate MPC", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await expect(assignMpcs(f, job, [f.mpcs[0], f.mpcs[0]])).to.be.rejectedWith(
        "JobMarketDuplicateParticipant",
      );
    });

    it("assignMpcs: fails if an MPC is not a registered MPC", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await expect(assignMpcs(f, job, [f.mpcs[0], f.dos[5]])).to.be.rejectedWith("JobMarketWrongRole");
    });

    it("assignMpcs: fails if an MPC lacks free stake", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await f.market.write.withdraw([NODE_STAKE - 2999n], { account: f.mpcs[1].account });
      await expect(assignMpcs(f, job)).to.be.rejectedWith("JobMarketInsufficientFreeStake");
    });

    it("assignMpcs: fails after the order expired or after dispatch", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await mine(3600);
      await expect(assignMpcs(f, job)).to.be.rejectedWith("JobMarketOrderExpired");
      const other = await placeOrder(f);
      await assignMpcs(f, other);
      const { totalPrice } = await f.market.read.getJob([other.id]);
      await f.market.write.submitQuery([other.id], { account: other.qc.account, value: totalPrice });
      await expect(assignMpcs(f, other)).to.be.rejectedWith("JobMarketWrongState");
    });

    it("assignMpcs: fails for an unknown job", async () => {
      const f = await loadFixture(deployMarket);
      await expect(
        f.market.write.assignMpcs([newJobId(), [f.mpcs[0].account.address], 1n], { account: f.gds.account }),
      ).to.be.rejectedWith("JobMarketUnknownJob");
    });
  });

  it("placeOrder: a node registered as DO after deregistering as MPC can be picked", async () => {
    const f = await loadFixture(deployMarket);
    const node = f.mpcs[4];
    await f.market.write.deregisterNode({ account: node.account });
    await f.market.write.registerNode([ROLE_DO], { account: node.account });
    const job = await placeOrder(f, { dos: [node] });
    expect((await f.market.read.getJob([job.id])).state).to.equal(State.Ordered);
  });
});
