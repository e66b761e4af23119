import hre from "hardhat";
import { expect } from "chai";
import { encodeFunctionData, getAddress, toFunctionSelector, zeroAddress } from "viem";
import { expectRevert, receiptOf } from "../helpers/chain.cjs";
import { JobType, newJobId, Role } from "../helpers/jobs.cjs";
import {
  deployImplementation,
  forEachAsset,
  GDS_ROLE,
  PAUSER_ROLE,
  UPGRADER_ROLE,
  worldFixture,
} from "../helpers/world.cjs";

const world = worldFixture();

forEachAsset((asset) =>
  describe(`JobMarket admin and views · ${asset}`, () => {
    describe("initialize", () => {
      it("initialize: sets the default parameters of SPEC section 7", async () => {
        const w = await world(asset);
        expect(await w.market.read.parameters()).to.deep.equal({
          timeoutBlocks: 3600,
          orderExpiryBlocks: 3600,
          abortGraceBlocks: 100,
          gdsFeeBps: 1000,
          selfReportFineBps: 8000,
          detectedFineBps: 10000,
          cancelFineBps: 6000,
          maxMpcReplacements: 3,
          maxDosPerJob: 100,
          maxMpcsPerJob: 16,
          minStake: 0n,
          horizontalShares: [1250, 3750, 5000],
          verticalShares: [1000, 4500, 4500],
        });
        for (const role of [PAUSER_ROLE, UPGRADER_ROLE, GDS_ROLE, await w.market.read.DEFAULT_ADMIN_ROLE()]) {
          expect(await w.market.read.hasRole([role, w.admin.account.address])).to.equal(true);
        }
      });

      it("initialize: fails a second time, and on the implementation itself", async () => {
        const w = await world(asset);
        // Hardhat does not decode this OpenZeppelin error (raised inside a modifier) and hands viem no
        // data, so the assertion is on its selector in the node's message.
        const invalidInitialization = toFunctionSelector("InvalidInitialization()");
        const implementation = await hre.viem.getContractAt("JobMarket", w.implementation);
        for (const target of [w.market, implementation]) {
          await expectRevert(
            target.write.initialize([w.admin.account.address, w.assetAddress], { account: w.admin.account }),
            invalidInitialization,
          );
        }
      });

      it("initializeRelease2: refused on a market initialized as release 2, and without UPGRADER_ROLE", async () => {
        const w = await world(asset);
        await expectRevert(
          w.market.write.initializeRelease2([w.arbiter.account.address], { account: w.stranger.account }),
          "AccessControlUnauthorizedAccount",
        );
        await expectRevert(
          w.market.write.initializeRelease2([w.arbiter.account.address], { account: w.admin.account }),
          "InvalidInitialization",
        );
      });

      it("initialize: fails on a zero admin", async () => {
        const w = await world(asset);
        const implementation = await hre.viem.getContractAt("JobMarket", w.implementation);
        const data = encodeFunctionData({
          abi: implementation.abi,
          functionName: "initialize",
          args: [zeroAddress, w.assetAddress],
        });
        await expectRevert(
          hre.viem.deployContract("ERC1967Proxy", [w.implementation, data]),
          "JobMarketZeroAddress",
        );
      });
    });

    describe("setParameters", () => {
      it("setParameters: stores them, emits ParametersUpdated, and new jobs snapshot them", async () => {
        const w = await world(asset);
        const before = await w.job().dispatched();
        const next = await w.setParameters({ timeoutBlocks: 10, verticalShares: [2000, 4000, 4000] });
        expect(await w.market.read.parameters()).to.deep.equal(next);
        const [event] = await w.market.getEvents.ParametersUpdated();
        expect(event.args.parameters).to.deep.equal(next);
        expect((await before.view()).params.timeoutBlocks).to.equal(3600);
        const after = await w.job().vertical().dos(2, { from: 4 }).ordered();
        const view = await after.view();
        expect(view.params.timeoutBlocks).to.equal(10);
        expect(view.params.shares).to.deep.equal([2000, 4000, 4000]);
      });

      it("setParameters: fails on any value out of bounds", async () => {
        const w = await world(asset);
        const bad = [
          { timeoutBlocks: 0 },
          { orderExpiryBlocks: 0 },
          { abortGraceBlocks: 0 },
          { timeoutBlocks: 10_000_001 },
          { orderExpiryBlocks: 10_000_001 },
          { abortGraceBlocks: 10_000_001 },
          { selfReportFineBps: 9000, detectedFineBps: 8999 }, // reporting honestly would cost more
          { gdsFeeBps: 10001 },
          { selfReportFineBps: 10001 },
          { detectedFineBps: 10001 },
          { cancelFineBps: 10001 },
          { maxDosPerJob: 0 },
          { maxDosPerJob: 501 },
          { maxMpcsPerJob: 0 },
          { horizontalShares: [1250, 3750, 4999] as [number, number, number] },
          { verticalShares: [10000, 1, 0] as [number, number, number] },
        ];
        for (const change of bad) await expectRevert(w.setParameters(change), "JobMarketInvalidParameters");
        // the edges are allowed
        await w.setParameters({
          gdsFeeBps: 0,
          cancelFineBps: 10000,
          maxDosPerJob: 500,
          abortGraceBlocks: 1,
          timeoutBlocks: 10_000_000,
          selfReportFineBps: 10000,
        });
      });

      it("setParameters: fails without DEFAULT_ADMIN_ROLE", async () => {
        const w = await world(asset);
        await expectRevert(
          w.market.write.setParameters([w.params], { account: w.gds.account }),
          "AccessControlUnauthorizedAccount",
        );
      });
    });

    describe("pause", () => {
      it("pause: stops new orders and queries only; withdrawals, heartbeats and settlement go on", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await receiptOf(w.market.write.pause({ account: w.admin.account }));
        expect(await w.market.read.paused()).to.equal(true);
        await w.heartbeat(w.dos[0]);
        await w.withdraw(w.dos[7], 1n);
        await job.cancel();
        await receiptOf(w.market.write.unpause({ account: w.admin.account }));
        await w.job().ordered();
      });

      it("pause: fails without PAUSER_ROLE", async () => {
        const w = await world(asset);
        await expectRevert(
          w.market.write.pause({ account: w.gds.account }),
          "AccessControlUnauthorizedAccount",
        );
        await receiptOf(w.market.write.pause({ account: w.admin.account }));
        await expectRevert(
          w.market.write.unpause({ account: w.gds.account }),
          "AccessControlUnauthorizedAccount",
        );
      });
    });

    describe("upgrade", () => {
      it("upgradeToAndCall: UPGRADER_ROLE only; state survives", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        const { implementation: next } = await deployImplementation(w.libraries);
        await expectRevert(
          w.market.write.upgradeToAndCall([next.address, "0x"], { account: w.gds.account }),
          "AccessControlUnauthorizedAccount",
        );
        await receiptOf(w.market.write.upgradeToAndCall([next.address, "0x"], { account: w.admin.account }));
        expect((await job.view()).collateral).to.equal(3000n);
        expect(await w.market.read.balanceOf([w.dos[0].account.address])).to.equal(w.stake - 3000n);
      });
    });

    describe("views", () => {
      it("jobIdAt / nodeAt: fail past the end", async () => {
        const w = await world(asset);
        await expectRevert(w.market.read.jobIdAt([0n]), "JobMarketIndexOutOfRange");
        await expectRevert(w.market.read.nodeAt([16n]), "JobMarketIndexOutOfRange");
      });

      it("getJob / getParticipants / getProgress / collateralOf / cancellationFineOf: fail for an unknown job", async () => {
        const w = await world(asset);
        const id = newJobId();
        const r = w.market.read;
        for (const read of [
          r.getJob,
          r.getParticipants,
          r.getProgress,
          r.collateralOf,
          r.cancellationFineOf,
        ]) {
          await expectRevert(read([id]), "JobMarketUnknownJob");
        }
        expect(await r.isTimedOut([id, w.dos[0].account.address])).to.equal(false);
      });

      it("priceOf: the section 3 price for both job types", async () => {
        const w = await world(asset);
        const h = await w.market.read.priceOf([JobType.Horizontal, Array(10).fill(1000n), 1, 2, 500n, 1000]);
        expect(h).to.deep.equal({
          doFees: 10_000n,
          mpcFee: 500n,
          mpcFees: 1000n,
          gdsFee: 1100n,
          total: 12_100n,
          collateral: 10_000n,
        });
        const v = await w.market.read.priceOf([JobType.Vertical, [100n, 300n], 3, 2, 7n, 0]);
        // DO fees (100 + 300) * 3 = 1200; MPC fee 7 * 2 * 3 = 42, two of them; no GDS fee
        expect(v).to.deep.equal({
          doFees: 1200n,
          mpcFee: 42n,
          mpcFees: 84n,
          gdsFee: 0n,
          total: 1284n,
          collateral: 1200n,
        });
      });

      it("version: is 2.0.0", async () => {
        const w = await world(asset);
        expect(await w.market.read.version()).to.equal("2.0.0");
      });
    });

    describe("JobMarketLens", () => {
      it("getJobs / getNodes / getProgresses: windows of the market's lists", async () => {
        const w = await world(asset);
        const lens = await hre.viem.deployContract("JobMarketLens");
        const a = await w.job().ordered();
        const b = await w.job().dos(2, { from: 3 }).dispatched();
        const jobs = await lens.read.getJobs([w.market.address, 0n, 10n]);
        expect(jobs.map((j) => j.id)).to.deep.equal([a.id, b.id]);
        expect(await lens.read.getJobs([w.market.address, 1n, 10n])).to.have.length(1);
        expect(await lens.read.getJobs([w.market.address, 5n, 10n])).to.have.length(0);
        const nodes = await lens.read.getNodes([w.market.address, 2n, 3n]);
        expect(nodes.map((n) => n.account)).to.deep.equal(
          w.dos.slice(2, 5).map((d) => getAddress(d.account.address)),
        );
        expect(nodes[0].role).to.equal(Role.DO);
        const progresses = await lens.read.getProgresses([w.market.address, [a.id, b.id]]);
        expect(progresses.map((p) => p.length)).to.deep.equal([3, 4]);
        expect(progresses[1][0]).to.deep.equal((await b.progress())[0]);
      });
    });
  }),
);
