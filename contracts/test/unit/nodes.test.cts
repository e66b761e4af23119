import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress, parseEther } from "viem";
import { expect } from "../helpers/chai.cjs";
import { deployMarket, NODE_STAKE, ROLE_DO, ROLE_MPC } from "../helpers/deploy.cjs";
import { placeOrder } from "../helpers/jobs.cjs";

describe("JobMarket nodes and money", () => {
  describe("registerNode", () => {
    it("registerNode: registers a DO with its stake, lists it once and records a heartbeat", async () => {
      const f = await loadFixture(deployMarket);
      const [node] = f.outsiders;
      await f.market.write.registerNode([ROLE_DO], { account: node.account, value: 5n });
      const view = await f.market.read.getNode([node.account.address]);
      expect(view.role).to.equal(ROLE_DO);
      expect(view.balance).to.equal(5n);
      expect(view.lastHeartbeat).to.equal(await f.publicClient.getBlockNumber());
      const events = await f.market.getEvents.NodeRegistered();
      expect(events[0].args).to.deep.include({ role: ROLE_DO, stake: 5n });
      const count = await f.market.read.nodeCount();
      expect(await f.market.read.nodeAt([count - 1n])).to.equal(getAddress(node.account.address));
      // deregistering and registering again (as an MPC) does not list it twice
      await f.market.write.deregisterNode({ account: node.account });
      await f.market.write.registerNode([ROLE_MPC], { account: node.account });
      expect(await f.market.read.nodeCount()).to.equal(count);
      expect((await f.market.read.getNode([node.account.address])).balance).to.equal(5n);
    });

    it("registerNode: fails on a role other than 1 or 2", async () => {
      const f = await loadFixture(deployMarket);
      for (const role of [0, 3]) {
        await expect(
          f.market.write.registerNode([role], { account: f.outsiders[0].account }),
        ).to.be.rejectedWith("JobMarketInvalidRole");
      }
    });

    it("registerNode: fails if already registered", async () => {
      const f = await loadFixture(deployMarket);
      await expect(f.market.write.registerNode([ROLE_MPC], { account: f.dos[0].account })).to.be.rejectedWith(
        "JobMarketAlreadyRegistered",
      );
    });

    it("registerNode / deposit: fail if a balance would not fit its 104 bits", async () => {
      const f = await loadFixture(deployMarket);
      const { default: hre } = await import("hardhat");
      const testClient = await hre.viem.getTestClient();
      const [node] = f.outsiders;
      await testClient.setBalance({ address: node.account.address, value: 2n ** 106n });
      await expect(
        f.market.write.registerNode([ROLE_DO], { account: node.account, value: 2n ** 104n }),
      ).to.be.rejectedWith("JobMarketAmountTooLarge");
      await f.market.write.registerNode([ROLE_DO], { account: node.account, value: 2n ** 104n - 1n });
      await expect(f.market.write.deposit({ account: node.account, value: 1n })).to.be.rejectedWith(
        "JobMarketAmountTooLarge",
      );
    });

    it("registerNode: fails below the minimum stake", async () => {
      const f = await loadFixture(deployMarket);
      const params = await f.market.read.parameters();
      await f.market.write.setParameters([{ ...params, minStake: 100n }], { account: f.admin.account });
      await expect(
        f.market.write.registerNode([ROLE_DO], { account: f.outsiders[0].account, value: 99n }),
      ).to.be.rejectedWith("JobMarketBelowMinStake");
      await f.market.write.registerNode([ROLE_DO], { account: f.outsiders[0].account, value: 100n });
    });
  });

  describe("deposit", () => {
    it("deposit: adds to a node's free stake", async () => {
      const f = await loadFixture(deployMarket);
      await f.market.write.deposit({ account: f.dos[0].account, value: 7n });
      expect(await f.market.read.balanceOf([f.dos[0].account.address])).to.equal(NODE_STAKE + 7n);
      const [event] = await f.market.getEvents.Deposited();
      expect(event.args.amount).to.equal(7n);
    });

    it("deposit: fails for an account that is not a registered node", async () => {
      const f = await loadFixture(deployMarket);
      await expect(f.market.write.deposit({ account: f.qcs[0].account, value: 1n })).to.be.rejectedWith(
        "JobMarketNotRegistered",
      );
    });

    it("deposit: fails on zero", async () => {
      const f = await loadFixture(deployMarket);
      await expect(f.market.write.deposit({ account: f.dos[0].account, value: 0n })).to.be.rejectedWith(
        "JobMarketZeroAmount",
      );
    });
  });

  describe("withdraw", () => {
    it("withdraw: sends free stake to the node", async () => {
      const f = await loadFixture(deployMarket);
      const node = f.dos[0];
      const before = await f.publicClient.getBalance({ address: node.account.address });
      const hash = await f.market.write.withdraw([parseEther("1")], { account: node.account });
      const receipt = await f.publicClient.getTransactionReceipt({ hash });
      const after = await f.publicClient.getBalance({ address: node.account.address });
      expect(after - before + receipt.gasUsed * receipt.effectiveGasPrice).to.equal(parseEther("1"));
      expect(await f.market.read.balanceOf([node.account.address])).to.equal(NODE_STAKE - parseEther("1"));
      const [event] = await f.market.getEvents.Withdrawn();
      expect(event.args.amount).to.equal(parseEther("1"));
    });

    it("withdraw: fails on zero", async () => {
      const f = await loadFixture(deployMarket);
      await expect(f.market.write.withdraw([0n], { account: f.dos[0].account })).to.be.rejectedWith(
        "JobMarketZeroAmount",
      );
    });

    it("withdraw: fails above the free balance (locked collateral is not free)", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f, { prices: [parseEther("1"), parseEther("1"), parseEther("1")] });
      const [free, locked] = await f.market.read.stakeOf([job.dos[0].account.address]);
      expect(locked).to.equal(parseEther("3"));
      await expect(f.market.write.withdraw([free + 1n], { account: job.dos[0].account })).to.be.rejectedWith(
        "JobMarketInsufficientBalance",
      );
      await f.market.write.withdraw([free], { account: job.dos[0].account });
    });

    it("withdraw: fails if a node would keep less than the minimum stake", async () => {
      const f = await loadFixture(deployMarket);
      const params = await f.market.read.parameters();
      await f.market.write.setParameters([{ ...params, minStake: NODE_STAKE }], { account: f.admin.account });
      await expect(f.market.write.withdraw([1n], { account: f.dos[0].account })).to.be.rejectedWith(
        "JobMarketBelowMinStake",
      );
      // after deregistering, everything can leave
      await f.market.write.deregisterNode({ account: f.dos[0].account });
      await f.market.write.withdraw([NODE_STAKE], { account: f.dos[0].account });
    });

    it("withdraw: fails when the recipient refuses the coins", async () => {
      const f = await loadFixture(deployMarket);
      // The market itself has no receive function: impersonating it as a recipient is not possible,
      // so a contract without receive is used: the ERC1967 proxy of a second market.
      const { deployMarketContracts } = await import("../helpers/deploy.cjs");
      const other = await deployMarketContracts(f.admin.account.address);
      const { default: hre } = await import("hardhat");
      const testClient = await hre.viem.getTestClient();
      await testClient.impersonateAccount({ address: other.market.address });
      await testClient.setBalance({ address: other.market.address, value: parseEther("10") });
      await f.market.write.registerNode([ROLE_DO], { account: other.market.address, value: parseEther("1") });
      await expect(
        f.market.write.withdraw([parseEther("1")], { account: other.market.address }),
      ).to.be.rejectedWith("JobMarketTransferFailed");
      await testClient.stopImpersonatingAccount({ address: other.market.address });
    });
  });

  describe("heartbeat", () => {
    it("heartbeat: records the block and emits it", async () => {
      const f = await loadFixture(deployMarket);
      await f.market.write.heartbeat({ account: f.mpcs[0].account });
      const block = await f.publicClient.getBlockNumber();
      expect((await f.market.read.getNode([f.mpcs[0].account.address])).lastHeartbeat).to.equal(block);
      const [event] = await f.market.getEvents.Heartbeat();
      expect(event.args.blockNumber).to.equal(block);
    });

    it("heartbeat: fails for an account that is not a registered node", async () => {
      const f = await loadFixture(deployMarket);
      await expect(f.market.write.heartbeat({ account: f.qcs[0].account })).to.be.rejectedWith(
        "JobMarketNotRegistered",
      );
    });
  });

  describe("deregisterNode", () => {
    it("deregisterNode: leaves the registry and keeps the balance withdrawable", async () => {
      const f = await loadFixture(deployMarket);
      await f.market.write.deregisterNode({ account: f.dos[0].account });
      const view = await f.market.read.getNode([f.dos[0].account.address]);
      expect(view.role).to.equal(0);
      expect(view.balance).to.equal(NODE_STAKE);
      expect(await f.market.getEvents.NodeDeregistered()).to.have.length(1);
    });

    it("deregisterNode: fails for an account that is not registered", async () => {
      const f = await loadFixture(deployMarket);
      await expect(f.market.write.deregisterNode({ account: f.qcs[0].account })).to.be.rejectedWith(
        "JobMarketNotRegistered",
      );
    });

    it("deregisterNode: fails with collateral locked", async () => {
      const f = await loadFixture(deployMarket);
      const job = await placeOrder(f);
      await expect(f.market.write.deregisterNode({ account: job.dos[0].account })).to.be.rejectedWith(
        "JobMarketStakeLocked",
      );
    });
  });
});
