// The release-2 trust rules besides terms and judgements (docs/rules.md §11): price and fine ceilings on
// the QC's transactions, lapsing replacement requests, sticky lateness, widths and msg.value, parameter
// bounds and minStake, one GDS per job, and GDS deposits.
import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { expectRevert, eventsNamed, receiptOf } from "../helpers/chain.cjs";
import { FailureReason, JobState, Role } from "../helpers/jobs.cjs";
import { ARBITER_ROLE, forEachAsset, NO_LIMIT, worldFixture } from "../helpers/world.cjs";

const world = worldFixture();

forEachAsset((asset) =>
  describe(`JobMarket trust rules (docs/rules.md §11) · ${asset}`, () => {
    describe("price and fine ceilings (§11.2, §11.10)", () => {
      it("submitQuery: JobMarketPriceAboveLimit when the quote is above maxTotal before any MPC is assigned", async () => {
        const w = await world(asset);
        const job = await w.job().quote(5000n).ordered();
        await expectRevert(job.pay(100n, { maxTotal: 4999n }), "JobMarketPriceAboveLimit");
        await job.pay(100n, { maxTotal: 5000n });
      });

      it("submitQuery: after the assignment maxTotal is checked against the total; a later raise still needs consent", async () => {
        const w = await world(asset);
        const job = await w.job().quote(4000n).ordered();
        await job.pay(4000n, { maxTotal: 4000n }); // the quote
        await job.assign(); // 4,400 > quote: consent needed, whatever maxTotal the earlier payment signed
        expect((await job.view()).consentNeeded).to.equal(true);
        await expectRevert(job.pay(400n, { maxTotal: 4399n }), "JobMarketPriceAboveLimit");
        await job.pay(400n, { maxTotal: 4400n });
        expect(await job.state()).to.equal(JobState.Dispatched);
      });

      it("cancelJob: JobMarketFineAboveLimit when the fine now is above maxFine; at the fine it cancels", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched(); // total 4,400: fine 2,640
        await expectRevert(job.cancel(job.qc, 2639n), "JobMarketFineAboveLimit");
        await job.cancel(job.qc, 2640n);
        const ordered = await w.job().dos(2, { from: 3 }).ordered();
        await ordered.cancel(ordered.qc, 0n); // before dispatch: free
      });
    });

    describe("money in (§11.5, §11.10)", () => {
      it("registerNode / deposit / submitQuery: JobMarketValueMismatch unless msg.value is the amount (native) or 0 (a token)", async () => {
        const w = await world(asset);
        const node = w.outsiders[1];
        const job = await w.job().ordered();
        const wrong = (amount: bigint) => w.value(amount) + 1n; // one more than it must be, on either asset
        const calls = [
          () => w.market.write.registerNode([Role.DO, 10n], { account: node.account, value: wrong(10n) }),
          () => w.market.write.deposit([10n], { account: w.dos[0].account, value: wrong(10n) }),
          () =>
            w.market.write.submitQuery([job.id, 10n, NO_LIMIT], {
              account: job.qc.account,
              value: wrong(10n),
            }),
        ];
        for (const call of calls) await expectRevert(call(), "JobMarketValueMismatch");
        if (w.asset === "native") {
          await expectRevert(
            w.market.write.registerNode([Role.DO, 10n], { account: node.account, value: 9n }),
            "JobMarketValueMismatch",
          );
        }
      });

      it("holdings: money in adds to it, withdraw takes from it, a settlement moves money inside it", async () => {
        const w = await world(asset);
        const before = await w.market.read.holdings();
        const job = await w.job().dispatched();
        expect(await w.market.read.holdings()).to.equal(before + 4400n);
        await job.completeAll();
        expect(await w.market.read.holdings()).to.equal(before + 4400n);
        await w.withdraw(w.gds, 400n);
        expect(await w.market.read.holdings()).to.equal(before + 4000n);
        expect(await w.market.read.holdings()).to.equal(await w.marketHoldings());
      });

      it("deposit: open to a GDS account (for judgement bonds), not to an account without a role", async () => {
        const w = await world(asset);
        const before = await w.market.read.balanceOf([w.gds.account.address]);
        await w.deposit(w.gds, 5n);
        expect(await w.market.read.balanceOf([w.gds.account.address])).to.equal(before + 5n);
        await expectRevert(w.deposit(w.outsiders[1], 5n), "JobMarketNotRegistered");
      });
    });

    describe("lateness and replacement requests (§11.3, §11.4)", () => {
      it("a replacement request lapses when that MPC's next status update is accepted", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.requestReplacement(job.dos[0], job.mpcs[0]);
        expect((await job.progress())[3].replacementRequested).to.equal(true);
        await job.progressTo(job.mpcs[0], 0, 1);
        expect((await job.progress())[3].replacementRequested).to.equal(false);
        await expectRevert(job.replace(job.mpcs[0], w.mpcs[3]), "JobMarketReplacementNotAllowed");
      });

      it("a DO's Failed report after its timeout keeps it timed out and is fined as detected", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await mine(3601);
        await w.heartbeat(...job.participants.filter((p) => p !== job.dos[0]));
        const receipt = await job.fail(job.dos[0]);
        expect((await job.view()).abortReporterLate).to.equal(true);
        expect(await job.isTimedOut(job.dos[0])).to.equal(true);
        const [progress] = await job.progress();
        expect(progress.lastSeen < receipt.blockNumber).to.equal(true);
        const settled = await job.settleAbort();
        const [fined] = eventsNamed(w.market.abi, settled, "Fined");
        expect(fined.args.reason).to.equal(FailureReason.HeartbeatTimeout);
      });
    });

    describe("parameters (§11.6)", () => {
      it("setTrustParameters: stores them with an event; new jobs snapshot them; bounds are checked", async () => {
        const w = await world(asset);
        const before = await w.job().ordered();
        const next = { challengeWindowBlocks: 10, arbitrationBlocks: 20, judgementBondBps: 100 };
        const receipt = await receiptOf(
          w.market.write.setTrustParameters([next], { account: w.admin.account }),
        );
        const [event] = eventsNamed(w.market.abi, receipt, "TrustParametersUpdated");
        expect(event.args.parameters).to.deep.equal(next);
        expect(await w.market.read.trustParameters()).to.deep.equal(next);
        expect((await before.view()).params.challengeWindowBlocks).to.equal(7200);
        const after = await w.job().dos(2, { from: 3 }).ordered();
        expect((await after.view()).params).to.deep.include(next);
        for (const bad of [
          { ...next, challengeWindowBlocks: 0 },
          { ...next, arbitrationBlocks: 0 },
          { ...next, challengeWindowBlocks: 10_000_001 },
          { ...next, arbitrationBlocks: 10_000_001 },
          { ...next, judgementBondBps: 99 },
          { ...next, judgementBondBps: 10_001 },
        ]) {
          await expectRevert(
            w.market.write.setTrustParameters([bad], { account: w.admin.account }),
            "JobMarketInvalidParameters",
          );
        }
        await expectRevert(
          w.market.write.setTrustParameters([next], { account: w.gds.account }),
          "AccessControlUnauthorizedAccount",
        );
      });

      it("raising minStake never freezes money: a node below it cannot be ordered (DO or MPC) but withdraws", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await w.setParameters({ minStake: w.stake + 1n });
        await expectRevert(w.job().dos(1, { from: 5 }).ordered(), "JobMarketBelowMinStake");
        await expectRevert(w.job().ordered(), "JobMarketBelowMinStake"); // locked collateral counts, not more
        await w.deposit(w.dos[5], 1n);
        const mpcless = await w.job().dos(1, { from: 5 }).ordered();
        await expectRevert(mpcless.assign([w.mpcs[4], w.mpcs[5]]), "JobMarketBelowMinStake");
        await job.completeAll(); // what is locked settles as before
        await w.withdraw(job.dos[0], w.stake);
      });
    });

    describe("one GDS per job (§11.8)", () => {
      it("another GDS may not assign, replace, judge, cancel before dispatch, or settle an abort at once", async () => {
        const w = await world(asset);
        const other = w.gds2;
        const ordered = await w.job().ordered();
        await expectRevert(ordered.assign(undefined, undefined, other), "JobMarketUnauthorized");
        await expectRevert(ordered.cancel(other), "JobMarketOrderNotExpired");
        const job = await w.job().dos(3, { from: 3 }).mpcs(2, { from: 2 }).dispatched();
        await job.requestReplacement(job.dos[0], job.mpcs[0]);
        await expectRevert(job.replace(job.mpcs[0], w.mpcs[5], other), "JobMarketUnauthorized");
        await expectRevert(job.judge([job.dos[0]], other), "JobMarketUnauthorized");
        await job.fail(job.dos[1]);
        await expectRevert(job.settleAbort(other), "JobMarketGraceNotOver");
        await job.settleAbort(w.gds);
      });

      it("a HeartbeatTimeout report stays open to anyone", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await w.timeOutAllBut(job.participants.filter((p) => p !== job.dos[0]));
        await job.report([job.dos[0]], FailureReason.HeartbeatTimeout, w.gds2);
        expect(await job.state()).to.equal(JobState.Failed);
      });

      it("a GDS may be neither the QC nor a participant of its own job (JobMarketConflictOfInterest)", async () => {
        const w = await world(asset);
        await expectRevert(w.job().qc(w.gds).ordered(), "JobMarketConflictOfInterest");
        // a GDS registered as a DO: not in its own orders, but another GDS may order it
        await w.register(w.gds2, Role.DO, w.stake);
        await expectRevert(
          w.job().dos([w.dos[0], w.gds2]).build().place(w.gds2),
          "JobMarketConflictOfInterest",
        );
        await w.job().dos([w.dos[0], w.gds2]).build().place(w.gds);
        // a GDS registered as an MPC: neither assigned nor brought in as a replacement in its own jobs
        const mpcGds = w.outsiders[3];
        const gdsRole = await w.market.read.GDS_ROLE();
        await receiptOf(
          w.market.write.grantRole([gdsRole, mpcGds.account.address], { account: w.admin.account }),
        );
        await w.register(mpcGds, Role.MPC, w.stake);
        await w.deposit(mpcGds, w.stake);
        const job = w.job().dos(3, { from: 4 }).build();
        await job.place(mpcGds);
        await expectRevert(job.assign([w.mpcs[0], mpcGds], 500n, mpcGds), "JobMarketConflictOfInterest");
        await job.assign([w.mpcs[0], w.mpcs[1]], 500n, mpcGds);
        await job.pay(job.total);
        await job.requestReplacement(job.dos[0], w.mpcs[0]);
        await expectRevert(job.replace(w.mpcs[0], mpcGds, mpcGds), "JobMarketConflictOfInterest");
      });
    });

    it("initialize: the admin holds ARBITER_ROLE", async () => {
      const w = await world(asset);
      expect(await w.market.read.hasRole([ARBITER_ROLE, w.admin.account.address])).to.equal(true);
    });
  }),
);
