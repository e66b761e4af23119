import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress, zeroAddress } from "viem";
import { expectRevert, receiptOf } from "../helpers/chain.cjs";
import { JobState, JobType, newJobId, Role, type Job, type PlaceArgs } from "../helpers/jobs.cjs";
import { forEachAsset, worldFixture, type World } from "../helpers/world.cjs";

const world = worldFixture();

/** placeOrder of `job` from the GDS with some arguments replaced. */
function placeWith(w: World, job: Job, over: Partial<PlaceArgs> = {}) {
  return receiptOf(w.market.write.placeOrder(job.placeArgs(over), { account: w.gds.account }));
}

forEachAsset((asset) =>
  describe(`JobMarket orders · ${asset}`, () => {
    describe("placeOrder", () => {
      it("placeOrder: records the job, locks C from every DO and emits JobOrdered", async () => {
        const w = await world(asset);
        const job = await w
          .job()
          .dos(3, { prices: [1000n, 2000n, 3000n] })
          .factor(2)
          .quote(99n)
          .ordered();
        const view = await job.view();
        expect(view.state).to.equal(JobState.Ordered);
        expect(view.collateral).to.equal(12000n); // (1000 + 2000 + 3000) * 2
        expect(view.quote).to.equal(99n);
        expect(view.gds).to.equal(getAddress(w.gds.account.address));
        expect(view.params.timeoutBlocks).to.equal(3600);
        expect(view.params.shares).to.deep.equal([1250, 3750, 5000]);
        for (const d of job.dos) {
          expect(await w.stakeOf(d)).to.deep.equal({ free: w.stake - 12000n, locked: 12000n });
          expect((await w.market.read.getNode([d.account.address])).activeJobs).to.equal(1);
        }
        const [dos, prices, mpcs] = await w.market.read.getParticipants([job.id]);
        expect(dos).to.deep.equal(job.dos.map((d) => getAddress(d.account.address)));
        expect(prices).to.deep.equal([1000n, 2000n, 3000n]);
        expect(mpcs).to.deep.equal([]);
        const [ordered] = await w.market.getEvents.JobOrdered();
        expect(ordered.args.quote).to.equal(99n);
        expect(await w.market.getEvents.CollateralLocked()).to.have.length(3);
        expect(await w.market.read.jobCount()).to.equal(1n);
        expect(await w.market.read.jobIdAt([0n])).to.equal(job.id);
        expect(await w.market.read.collateralOf([job.id])).to.equal(12000n);
      });

      it("placeOrder: fails for an account without GDS_ROLE", async () => {
        const w = await world(asset);
        await expectRevert(w.job().build().place(w.qc), "AccessControlUnauthorizedAccount");
      });

      it("placeOrder: fails while paused", async () => {
        const w = await world(asset);
        await receiptOf(w.market.write.pause({ account: w.admin.account }));
        await expectRevert(w.job().ordered(), "EnforcedPause");
      });

      it("placeOrder: fails on a zero id or an existing id", async () => {
        const w = await world(asset);
        const job = w.job().build();
        await expectRevert(
          placeWith(w, job, { id: "0x00000000000000000000000000000000" }),
          "JobMarketInvalidJobId",
        );
        await job.place();
        await expectRevert(job.place(), "JobMarketJobExists");
      });

      it("placeOrder: fails on an invalid job type", async () => {
        const w = await world(asset);
        await expectRevert(placeWith(w, w.job().build(), { jobType: 2 }), "JobMarketInvalidJobType");
      });

      it("placeOrder: fails on a zero QC", async () => {
        const w = await world(asset);
        await expectRevert(placeWith(w, w.job().build(), { qc: zeroAddress }), "JobMarketZeroAddress");
      });

      it("placeOrder: fails if DOs and prices differ in length", async () => {
        const w = await world(asset);
        await expectRevert(placeWith(w, w.job().build(), { prices: [1n, 1n] }), "JobMarketLengthMismatch");
      });

      it("placeOrder: fails with no DO, too many DOs, or a bad MPC count", async () => {
        const w = await world(asset);
        await expectRevert(
          placeWith(w, w.job().build(), { dos: [], prices: [] }),
          "JobMarketParticipantCount",
        );
        await w.setParameters({ maxDosPerJob: 2, maxMpcsPerJob: 3 });
        await expectRevert(w.job().ordered(), "JobMarketParticipantCount");
        for (const mpcCount of [0, 4]) {
          await expectRevert(placeWith(w, w.job().dos(2).build(), { mpcCount }), "JobMarketParticipantCount");
        }
      });

      it("placeOrder: fails on factor 0", async () => {
        const w = await world(asset);
        await expectRevert(w.job().factor(0).ordered(), "JobMarketInvalidFactor");
      });

      it("placeOrder: fails on totalEpochs 0 or ALL", async () => {
        const w = await world(asset);
        for (const totalEpochs of [0, 0xffffffff]) {
          await expectRevert(w.job().epochs(totalEpochs).ordered(), "JobMarketInvalidTotalEpochs");
        }
      });

      it("placeOrder: fails on a zero DO price", async () => {
        const w = await world(asset);
        await expectRevert(
          w
            .job()
            .dos(3, { prices: [1n, 0n, 1n] })
            .ordered(),
          "JobMarketZeroPrice",
        );
      });

      it("placeOrder: fails on a price above uint96 or a quote above uint128", async () => {
        const w = await world(asset);
        await expectRevert(
          w
            .job()
            .dos(3, { prices: [1n, 2n ** 96n, 1n] })
            .ordered(),
          "JobMarketAmountTooLarge",
        );
        await expectRevert(
          w
            .job()
            .quote(2n ** 128n)
            .ordered(),
          "JobMarketAmountTooLarge",
        );
      });

      it("placeOrder: fails on a duplicate DO", async () => {
        const w = await world(asset);
        const [a, b] = w.dos;
        await expectRevert(w.job().dos([a, b, a]).ordered(), "JobMarketDuplicateParticipant");
      });

      it("placeOrder: fails if a DO is not a registered DO", async () => {
        const w = await world(asset);
        for (const bad of [w.mpcs[0], w.outsiders[0]]) {
          await expectRevert(w.job().dos([w.dos[0], bad, w.dos[2]]).ordered(), "JobMarketWrongRole");
        }
      });

      it("placeOrder: fails if a DO lacks free stake", async () => {
        const w = await world(asset);
        await expectRevert(
          w
            .job()
            .dos(3, { prices: [w.stake, 1n, 1n] })
            .ordered(),
          "JobMarketInsufficientFreeStake",
        );
      });

      it("placeOrder: a node registered as DO after deregistering as MPC can be picked", async () => {
        const w = await world(asset);
        const node = w.mpcs[4];
        await receiptOf(w.market.write.deregisterNode({ account: node.account }));
        await w.register(node, Role.DO, 0n);
        const job = await w.job().dos([node]).ordered();
        expect(await job.state()).to.equal(JobState.Ordered);
      });
    });

    describe("submitQuery", () => {
      it("submitQuery: accumulates the QC's payments and emits QuerySubmitted", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await job.pay(100n);
        await job.pay(50n);
        const [event] = await w.market.getEvents.QuerySubmitted();
        expect(event.args).to.deep.include({ amount: 50n, totalPaid: 150n });
        const view = await job.view();
        expect(view.paid).to.equal(150n);
        expect(view.state).to.equal(JobState.Ordered);
      });

      it("submitQuery: fails for anyone but the job's QC", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await expectRevert(job.pay(1n, { from: w.qcs[1] }), "JobMarketNotQc");
      });

      it("submitQuery: fails for an unknown job", async () => {
        const w = await world(asset);
        await expectRevert(w.job().build().pay(1n), "JobMarketUnknownJob");
      });

      it("submitQuery: fails while paused", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await receiptOf(w.market.write.pause({ account: w.admin.account }));
        await expectRevert(job.pay(1n), "EnforcedPause");
      });

      it("submitQuery: fails once the order expired", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await mine(3600);
        await expectRevert(job.pay(1n), "JobMarketOrderExpired");
      });

      it("submitQuery: fails after dispatch", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.pay(1n), "JobMarketWrongState");
      });
    });

    describe("assignMpcs and dispatch", () => {
      it("assignMpcs: prices the job, locks C from each MPC, and dispatches when the QC already paid", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await job.pay(10_000n);
        await job.assign();
        const view = await job.view();
        // 3000 DO fees + 2 * 500 MPC fees + 10 % = 4400
        expect(view.totalPrice).to.equal(4400n);
        expect(view.mpcPrice).to.equal(500n);
        expect(view.state).to.equal(JobState.Dispatched);
        expect(view.dispatchedAt).to.equal(await w.publicClient.getBlockNumber());
        for (const m of job.mpcs) expect((await w.stakeOf(m)).locked).to.equal(3000n);
        const [dispatched] = await w.market.getEvents.JobDispatched();
        expect(dispatched.args.mpcs).to.deep.equal(job.mpcs.map((m) => getAddress(m.account.address)));
        expect(dispatched.args.dos).to.deep.equal(job.dos.map((d) => getAddress(d.account.address)));
        const [assigned] = await w.market.getEvents.MpcsAssigned();
        expect(assigned.args.mpcPrice).to.equal(500n);
      });

      it("submitQuery: dispatches when the payment completes the pair", async () => {
        const w = await world(asset);
        const job = await w.job().assigned();
        await job.pay(4399n);
        expect(await job.state()).to.equal(JobState.Ordered);
        await job.pay(1n);
        expect(await job.state()).to.equal(JobState.Dispatched);
        expect(await w.market.getEvents.JobDispatched()).to.have.length(1);
      });

      it("assignMpcs: Vertical MPC fee is m * N * F", async () => {
        const w = await world(asset);
        const job = await w.job().vertical().factor(2).mpcs(1, { price: 10n }).assigned();
        // DO fees 3 * 1000 * 2 = 6000; MPC fee 10 * 3 * 2 = 60; GDS 10 % of 6060 = 606
        expect((await job.view()).totalPrice).to.equal(6666n);
      });

      it("assignMpcs: re-assigning releases the previous MPCs", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await job.assign([w.mpcs[0], w.mpcs[1]]);
        await job.assign([w.mpcs[1], w.mpcs[2]]);
        expect((await w.stakeOf(w.mpcs[0])).locked).to.equal(0n);
        expect((await w.stakeOf(w.mpcs[1])).locked).to.equal(3000n);
        expect((await w.stakeOf(w.mpcs[2])).locked).to.equal(3000n);
        const [, , mpcs] = await w.market.read.getParticipants([job.id]);
        expect(mpcs).to.deep.equal([w.mpcs[1], w.mpcs[2]].map((m) => getAddress(m.account.address)));
      });

      it("assignMpcs: a total above the quote needs a submitQuery after the assignment (the QC's consent)", async () => {
        const w = await world(asset);
        const job = await w.job().quote(4000n).ordered();
        await job.pay(5000n);
        await job.assign(); // total 4400 > quote 4000: money already covers it, but no consent yet
        let view = await job.view();
        expect(view.state).to.equal(JobState.Ordered);
        expect(view.consentNeeded).to.equal(true);
        // a zero-value submitQuery is the consent
        await job.pay(0n);
        view = await job.view();
        expect(view.state).to.equal(JobState.Dispatched);
        expect(view.consentNeeded).to.equal(false);
      });

      it("assignMpcs: a total within the quote dispatches on money paid before the assignment", async () => {
        const w = await world(asset);
        const job = await w.job().quote(4400n).ordered();
        await job.pay(4400n);
        await job.assign();
        expect(await job.state()).to.equal(JobState.Dispatched);
      });

      it("assignMpcs: fails for an account without GDS_ROLE", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await expectRevert(job.assign(undefined, 1n, w.qc), "AccessControlUnauthorizedAccount");
      });

      it("assignMpcs: fails on the wrong number of MPCs", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await expectRevert(job.assign([w.mpcs[0]]), "JobMarketParticipantCount");
      });

      it("assignMpcs: fails on a zero or too large MPC price", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await expectRevert(job.assign(undefined, 0n), "JobMarketZeroPrice");
        await expectRevert(job.assign(undefined, 2n ** 96n), "JobMarketAmountTooLarge");
      });

      it("assignMpcs: fails on a duplicate MPC", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await expectRevert(job.assign([w.mpcs[0], w.mpcs[0]]), "JobMarketDuplicateParticipant");
      });

      it("assignMpcs: fails if an MPC is not a registered MPC", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await expectRevert(job.assign([w.mpcs[0], w.dos[5]]), "JobMarketWrongRole");
      });

      it("assignMpcs: fails if an MPC lacks free stake", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await w.withdraw(w.mpcs[1], w.stake - 2999n);
        await expectRevert(job.assign(), "JobMarketInsufficientFreeStake");
      });

      it("assignMpcs: fails after the order expired or after dispatch", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await mine(3600);
        await expectRevert(job.assign(), "JobMarketOrderExpired");
        const other = await w.job().dispatched();
        await expectRevert(other.assign(), "JobMarketWrongState");
      });

      it("assignMpcs: fails for an unknown job", async () => {
        const w = await world(asset);
        await expectRevert(
          receiptOf(
            w.market.write.assignMpcs([newJobId(), [w.mpcs[0].account.address], 1n], {
              account: w.gds.account,
            }),
          ),
          "JobMarketUnknownJob",
        );
      });
    });

    it("priceOf the builder's default job matches the contract's priceOf", async () => {
      const w = await world(asset);
      const job: Job = w
        .job()
        .vertical()
        .dos(2, { prices: [100n, 300n] })
        .factor(3)
        .mpcs(2, { price: 7n })
        .build();
      const onChain = await w.market.read.priceOf([
        JobType.Vertical,
        [100n, 300n],
        3,
        2,
        7n,
        w.params.gdsFeeBps,
      ]);
      expect(onChain).to.deep.equal(job.price());
    });
  }),
);
