import hre from "hardhat";
import { expect } from "chai";
import { getAddress } from "viem";
import { expectRevert, receiptOf } from "../helpers/chain.cjs";
import { Role } from "../helpers/jobs.cjs";
import { deployMarketContracts, forEachAsset, tokenMarket, worldFixture } from "../helpers/world.cjs";

const world = worldFixture();

forEachAsset((asset) =>
  describe(`JobMarket nodes and money · ${asset}`, () => {
    describe("registerNode", () => {
      it("registerNode: registers a DO with its stake, lists it once and records a heartbeat", async () => {
        const w = await world(asset);
        const [node] = w.outsiders;
        await w.register(node, Role.DO, 5n);
        const view = await w.market.read.getNode([node.account.address]);
        expect(view.role).to.equal(Role.DO);
        expect(view.balance).to.equal(5n);
        expect(view.lastHeartbeat).to.equal(await w.publicClient.getBlockNumber());
        const events = await w.market.getEvents.NodeRegistered();
        expect(events[0].args).to.deep.include({ role: Role.DO, stake: 5n });
        const count = await w.market.read.nodeCount();
        expect(await w.market.read.nodeAt([count - 1n])).to.equal(getAddress(node.account.address));
        // deregistering and registering again (as an MPC) does not list it twice
        await receiptOf(w.market.write.deregisterNode({ account: node.account }));
        await w.register(node, Role.MPC, 0n);
        expect(await w.market.read.nodeCount()).to.equal(count);
        expect((await w.market.read.getNode([node.account.address])).balance).to.equal(5n);
      });

      it("registerNode: fails on a role other than 1 or 2", async () => {
        const w = await world(asset);
        for (const role of [0, 3])
          await expectRevert(w.register(w.outsiders[0], role, 0n), "JobMarketInvalidRole");
      });

      it("registerNode: fails if already registered", async () => {
        const w = await world(asset);
        await expectRevert(w.register(w.dos[0], Role.MPC, 0n), "JobMarketAlreadyRegistered");
      });

      it("registerNode / deposit: fail when what the market owes would pass 2^104 - 1 (JobMarketAmountTooLarge)", async () => {
        const w = await world(asset);
        const [node] = w.outsiders;
        await w.fund(node, 2n ** 106n);
        const room = 2n ** 104n - 1n - (await w.market.read.holdings());
        await expectRevert(w.register(node, Role.DO, room + 1n), "JobMarketAmountTooLarge");
        await w.register(node, Role.DO, room);
        expect(await w.market.read.holdings()).to.equal(2n ** 104n - 1n);
        await expectRevert(w.deposit(node, 1n), "JobMarketAmountTooLarge");
      });

      it("registerNode: fails below the minimum stake", async () => {
        const w = await world(asset);
        await w.setParameters({ minStake: 100n });
        await expectRevert(w.register(w.outsiders[0], Role.DO, 99n), "JobMarketBelowMinStake");
        await w.register(w.outsiders[0], Role.DO, 100n);
      });
    });

    describe("deposit", () => {
      it("deposit: adds to a node's free stake", async () => {
        const w = await world(asset);
        await w.deposit(w.dos[0], 7n);
        expect(await w.market.read.balanceOf([w.dos[0].account.address])).to.equal(w.stake + 7n);
        const [event] = await w.market.getEvents.Deposited();
        expect(event.args.amount).to.equal(7n);
      });

      it("deposit: fails for an account that is not a registered node", async () => {
        const w = await world(asset);
        await expectRevert(w.deposit(w.qc, 1n), "JobMarketNotRegistered");
      });

      it("deposit: fails on zero", async () => {
        const w = await world(asset);
        await expectRevert(w.deposit(w.dos[0], 0n), "JobMarketZeroAmount");
      });
    });

    describe("withdraw", () => {
      it("withdraw: sends free stake to the node", async () => {
        const w = await world(asset);
        const node = w.dos[0];
        const before = await w.holdingsOf(node.account.address);
        const receipt = await w.withdraw(node, w.unit);
        const spentOnGas = w.asset === "native" ? receipt.gasUsed * receipt.effectiveGasPrice : 0n;
        expect((await w.holdingsOf(node.account.address)) - before + spentOnGas).to.equal(w.unit);
        expect(await w.market.read.balanceOf([node.account.address])).to.equal(w.stake - w.unit);
        const [event] = await w.market.getEvents.Withdrawn();
        expect(event.args.amount).to.equal(w.unit);
      });

      it("withdraw: fails on zero", async () => {
        const w = await world(asset);
        await expectRevert(w.withdraw(w.dos[0], 0n), "JobMarketZeroAmount");
      });

      it("withdraw: fails above the free balance (locked collateral is not free)", async () => {
        const w = await world(asset);
        const job = await w.job().dos(3, { price: w.unit }).ordered();
        const { free, locked } = await w.stakeOf(job.dos[0]);
        expect(locked).to.equal(3n * w.unit);
        await expectRevert(w.withdraw(job.dos[0], free + 1n), "JobMarketInsufficientBalance");
        await w.withdraw(job.dos[0], free);
      });

      it("withdraw: never checks the minimum stake; a node below it is not orderable (docs/rules.md §11.10)", async () => {
        const w = await world(asset);
        await w.setParameters({ minStake: w.stake });
        await w.withdraw(w.dos[0], 1n);
        await expectRevert(w.job().dos([w.dos[0]]).ordered(), "JobMarketBelowMinStake");
        await w.job().dos([w.dos[1]]).ordered(); // at the minimum: orderable
        await w.withdraw(w.dos[0], w.stake - 1n);
      });

      it("withdraw: fails when the recipient refuses the money; its balance stays credited", async () => {
        const w = await world(asset);
        // Native: a contract without receive (the ERC1967 proxy of a second market). A token market: a
        // token that refuses transfers to a blocked account (as a stablecoin's blocklist does).
        if (w.asset === "native") {
          const other = await deployMarketContracts(w.admin.account.address);
          const testClient = await hre.viem.getTestClient();
          const refuser = other.market.address;
          await testClient.impersonateAccount({ address: refuser });
          await testClient.setBalance({ address: refuser, value: 10n * w.unit });
          await w.register(refuser, Role.DO, w.unit);
          await expectRevert(w.withdraw(refuser, w.unit), "JobMarketTransferFailed");
          expect(await w.market.read.balanceOf([refuser])).to.equal(w.unit);
          await testClient.stopImpersonatingAccount({ address: refuser });
        } else {
          const { market, token } = await tokenMarket(w, "FalseReturningToken", []);
          const node = w.outsiders[1];
          await receiptOf(token.write.mint([node.account.address, 10n]));
          await receiptOf(token.write.approve([market.address, 10n], { account: node.account }));
          await receiptOf(market.write.registerNode([Role.DO, 10n], { account: node.account }));
          await receiptOf(token.write.setBlocked([node.account.address, true]));
          await expectRevert(
            receiptOf(market.write.withdraw([10n], { account: node.account })),
            "JobMarketTransferFailed",
          );
          expect(await market.read.balanceOf([node.account.address])).to.equal(10n);
        }
      });
    });

    describe("heartbeat", () => {
      it("heartbeat: records the block and emits it", async () => {
        const w = await world(asset);
        await w.heartbeat(w.mpcs[0]);
        const block = await w.publicClient.getBlockNumber();
        expect((await w.market.read.getNode([w.mpcs[0].account.address])).lastHeartbeat).to.equal(block);
        const [event] = await w.market.getEvents.Heartbeat();
        expect(event.args.blockNumber).to.equal(block);
      });

      it("heartbeat: fails for an account that is not a registered node", async () => {
        const w = await world(asset);
        await expectRevert(w.heartbeat(w.qc), "JobMarketNotRegistered");
      });
    });

    describe("deregisterNode", () => {
      it("deregisterNode: leaves the registry and keeps the balance withdrawable", async () => {
        const w = await world(asset);
        await receiptOf(w.market.write.deregisterNode({ account: w.dos[0].account }));
        const view = await w.market.read.getNode([w.dos[0].account.address]);
        expect(view.role).to.equal(0);
        expect(view.balance).to.equal(w.stake);
        expect(await w.market.getEvents.NodeDeregistered()).to.have.length(1);
      });

      it("deregisterNode: fails for an account that is not registered", async () => {
        const w = await world(asset);
        await expectRevert(
          w.market.write.deregisterNode({ account: w.qc.account }),
          "JobMarketNotRegistered",
        );
      });

      it("deregisterNode: fails with collateral locked", async () => {
        const w = await world(asset);
        const job = await w.job().ordered();
        await expectRevert(
          w.market.write.deregisterNode({ account: job.dos[0].account }),
          "JobMarketStakeLocked",
        );
      });
    });
  }),
);
