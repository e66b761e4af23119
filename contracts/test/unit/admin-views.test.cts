import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { encodeFunctionData, getAddress, toFunctionSelector } from "viem";
import { expect } from "../helpers/chai.cjs";
import {
  deployMarket,
  linkedLibraries,
  NODE_STAKE,
  PAUSER_ROLE,
  ROLE_DO,
  UPGRADER_ROLE,
} from "../helpers/deploy.cjs";
import { dispatchJob, JobType, newJobId, placeOrder } from "../helpers/jobs.cjs";

describe("JobMarket admin and views", () => {
  describe("initialize", () => {
    it("initialize: sets the default parameters of SPEC section 7", async () => {
      const f = await loadFixture(deployMarket);
      const p = await f.market.read.parameters();
      expect(p).to.deep.equal({
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
      for (const role of [PAUSER_ROLE, UPGRADER_ROLE, await f.market.read.DEFAULT_ADMIN_ROLE()]) {
        expect(await f.market.read.hasRole([role, f.admin.account.address])).to.equal(true);
      }
    });

    it("initialize: fails a second time, and on the implementation itself", async () => {
      const f = await loadFixture(deployMarket);
      // Hardhat does not decode this OpenZeppelin error (raised inside a modifier) and hands viem no
      // data, so the assertion is on its selector in the node's message.
      const invalidInitialization = toFunctionSelector("InvalidInitialization()");
      await expect(
        f.market.write.initialize([f.admin.account.address], { account: f.admin.account }),
      ).to.be.rejectedWith(invalidInitialization);
      await expect(
        f.implementation.write.initialize([f.admin.account.address], { account: f.admin.account }),
      ).to.be.rejectedWith(invalidInitialization);
    });

    it("initialize: fails on a zero admin", async () => {
      const f = await loadFixture(deployMarket);
      const data = encodeFunctionData({
        abi: f.implementation.abi,
        functionName: "initialize",
        args: ["0x0000000000000000000000000000000000000000"],
      });
      await expect(
        hre.viem.deployContract("ERC1967Proxy", [f.implementation.address, data]),
      ).to.be.rejectedWith("JobMarketZeroAddress");
    });
  });

  describe("setParameters", () => {
    it("setParameters: stores them, emits ParametersUpdated, and new jobs snapshot them", async () => {
      const f = await loadFixture(deployMarket);
      const before = await dispatchJob(f);
      const p = await f.market.read.parameters();
      const next = {
        ...p,
        timeoutBlocks: 10,
        verticalShares: [2000, 4000, 4000] as [number, number, number],
      };
      await f.market.write.setParameters([next], { account: f.admin.account });
      expect(await f.market.read.parameters()).to.deep.equal(next);
      const [event] = await f.market.getEvents.ParametersUpdated();
      expect(event.args.parameters).to.deep.equal(next);
      expect((await f.market.read.getJob([before.id])).params.timeoutBlocks).to.equal(3600);
      const after = await placeOrder(f, { jobType: JobType.Vertical, dos: f.dos.slice(4, 6) });
      const view = await f.market.read.getJob([after.id]);
      expect(view.params.timeoutBlocks).to.equal(10);
      expect(view.params.shares).to.deep.equal([2000, 4000, 4000]);
    });

    it("setParameters: fails on any value out of bounds", async () => {
      const f = await loadFixture(deployMarket);
      const p = await f.market.read.parameters();
      const bad = [
        { timeoutBlocks: 0 },
        { orderExpiryBlocks: 0 },
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
      for (const change of bad) {
        await expect(
          f.market.write.setParameters([{ ...p, ...change }], { account: f.admin.account }),
        ).to.be.rejectedWith("JobMarketInvalidParameters");
      }
      // the edges are allowed
      await f.market.write.setParameters(
        [{ ...p, gdsFeeBps: 0, cancelFineBps: 10000, maxDosPerJob: 500, abortGraceBlocks: 0 }],
        { account: f.admin.account },
      );
    });

    it("setParameters: fails without DEFAULT_ADMIN_ROLE", async () => {
      const f = await loadFixture(deployMarket);
      const p = await f.market.read.parameters();
      await expect(f.market.write.setParameters([p], { account: f.gds.account })).to.be.rejectedWith(
        "AccessControlUnauthorizedAccount",
      );
    });
  });

  describe("pause", () => {
    it("pause: stops new orders and queries only; withdrawals, heartbeats and settlement go on", async () => {
      const f = await loadFixture(deployMarket);
      const job = await dispatchJob(f);
      await f.market.write.pause({ account: f.admin.account });
      expect(await f.market.read.paused()).to.equal(true);
      await f.market.write.heartbeat({ account: f.dos[0].account });
      await f.market.write.withdraw([1n], { account: f.dos[7].account });
      await f.market.write.cancelJob([job.id], { account: job.qc.account });
      await f.market.write.unpause({ account: f.admin.account });
      await placeOrder(f);
    });

    it("pause: fails without PAUSER_ROLE", async () => {
      const f = await loadFixture(deployMarket);
      await expect(f.market.write.pause({ account: f.gds.account })).to.be.rejectedWith(
        "AccessControlUnauthorizedAccount",
      );
      await f.market.write.pause({ account: f.admin.account });
      await expect(f.market.write.unpause({ account: f.gds.account })).to.be.rejectedWith(
        "AccessControlUnauthorizedAccount",
      );
    });
  });

  describe("upgrade", () => {
    it("upgradeToAndCall: UPGRADER_ROLE only; state survives", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      const next = await hre.viem.deployContract("JobMarket", [], {
        libraries: linkedLibraries(f.libraries),
      });
      await expect(
        f.market.write.upgradeToAndCall([next.address, "0x"], { account: f.gds.account }),
      ).to.be.rejectedWith("AccessControlUnauthorizedAccount");
      await f.market.write.upgradeToAndCall([next.address, "0x"], { account: f.admin.account });
      expect((await f.market.read.getJob([job.id])).collateral).to.equal(3000n);
      expect(await f.market.read.balanceOf([f.dos[0].account.address])).to.equal(NODE_STAKE - 3000n);
    });
  });

  describe("views", () => {
    it("jobIdAt / nodeAt: fail past the end", async () => {
      const f = await loadFixture(deployMarket);
      await expect(f.market.read.jobIdAt([0n])).to.be.rejectedWith("JobMarketIndexOutOfRange");
      await expect(f.market.read.nodeAt([13n])).to.be.rejectedWith("JobMarketIndexOutOfRange");
    });

    it("getJob / getParticipants / getProgress / collateralOf / cancellationFineOf: fail for an unknown job", async () => {
      const f = await loadFixture(deployMarket);
      const id = newJobId();
      await expect(f.market.read.getJob([id])).to.be.rejectedWith("JobMarketUnknownJob");
      await expect(f.market.read.getParticipants([id])).to.be.rejectedWith("JobMarketUnknownJob");
      await expect(f.market.read.getProgress([id])).to.be.rejectedWith("JobMarketUnknownJob");
      await expect(f.market.read.collateralOf([id])).to.be.rejectedWith("JobMarketUnknownJob");
      await expect(f.market.read.cancellationFineOf([id])).to.be.rejectedWith("JobMarketUnknownJob");
      expect(await f.market.read.isTimedOut([id, f.dos[0].account.address])).to.equal(false);
    });

    it("priceOf: the section 3 price for both job types", async () => {
      const f = await loadFixture(deployMarket);
      const h = await f.market.read.priceOf([JobType.Horizontal, Array(10).fill(1000n), 1, 2, 500n, 1000]);
      expect(h).to.deep.equal({
        doFees: 10_000n,
        mpcFee: 500n,
        mpcFees: 1000n,
        gdsFee: 1100n,
        total: 12_100n,
        collateral: 10_000n,
      });
      const v = await f.market.read.priceOf([JobType.Vertical, [100n, 300n], 3, 2, 7n, 0]);
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

    it("version: is 1.0.0", async () => {
      const f = await loadFixture(deployMarket);
      expect(await f.market.read.version()).to.equal("1.0.0");
    });
  });

  describe("JobMarketLens", () => {
    it("getJobs / getNodes / getProgresses: windows of the market's lists", async () => {
      const f = await loadFixture(deployMarket);
      const lens = await hre.viem.deployContract("JobMarketLens");
      const a = await placeOrder(f);
      const b = await dispatchJob(f, { dos: f.dos.slice(3, 5) });
      const jobs = await lens.read.getJobs([f.market.address, 0n, 10n]);
      expect(jobs.map((j) => j.id)).to.deep.equal([a.id, b.id]);
      expect(await lens.read.getJobs([f.market.address, 1n, 10n])).to.have.length(1);
      expect(await lens.read.getJobs([f.market.address, 5n, 10n])).to.have.length(0);
      const nodes = await lens.read.getNodes([f.market.address, 2n, 3n]);
      expect(nodes.map((n) => n.account)).to.deep.equal(
        f.dos.slice(2, 5).map((d) => getAddress(d.account.address)),
      );
      expect(nodes[0].role).to.equal(ROLE_DO);
      const progresses = await lens.read.getProgresses([f.market.address, [a.id, b.id]]);
      expect(progresses.map((p) => p.length)).to.deep.equal([3, 4]);
      expect(progresses[1][0]).to.deep.equal((await f.market.read.getProgress([b.id]))[0]);
    });
  });
});
