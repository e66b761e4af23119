// Attacks (SPEC §1, §8): re-entrant withdraw, plain coin transfers, strangers calling privileged
// functions, pausing, and coins forced in by selfdestruct.
import hre from "hardhat";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { Address } from "viem";
import { expectRevert, receiptOf } from "../scenarios/helpers/chain.cjs";
import { HORIZONTAL } from "../scenarios/helpers/oracle.cjs";
import { REASON, dispatchedJob, placeOrder, submitQuery, type Job } from "../scenarios/helpers/jobs.cjs";
import { fullMarket, worldFixture, type World } from "../scenarios/helpers/world.cjs";

async function coinsOf(address: Address): Promise<bigint> {
  return (await hre.viem.getPublicClient()).getBalance({ address });
}

/** The market's coin balance and what it owes (every account's stake + unsettled QC payments). */
async function solvency(w: World, extraAccounts: Address[] = []) {
  const probe = await hre.viem.deployContract("InvariantProbe", []);
  const accounts = [w.admin, w.gds, w.qc, w.stranger, ...w.dos, ...w.mpcs].map((x) => x.account.address);
  const jobIds: `0x${string}`[] = [];
  const count = await w.market.read.jobCount();
  for (let i = 0n; i < count; i++) jobIds.push(await w.market.read.jobIdAt([i]));
  const [coins, owed] = await probe.read.obligations([
    w.market.address,
    [...accounts, ...extraAccounts],
    jobIds,
  ]);
  return { coins, owed };
}

async function aJobInFlight(w: World): Promise<Job> {
  const { job } = await dispatchedJob(
    w,
    { jobType: HORIZONTAL, dos: w.dos.slice(0, 2), doPrices: [100n, 100n], mpcCount: 1, totalEpochs: 1 },
    [w.mpcs[0]],
    10n,
  );
  return job;
}

describe("attacks", () => {
  describe("re-entrant withdraw", () => {
    async function attacker() {
      const w = await loadFixture(worldFixture);
      const contract = await hre.viem.deployContract("ReentrantWithdrawer", [w.market.address]);
      await receiptOf(contract.write.register({ value: 100n }));
      return { w, contract };
    }

    it("a receiver re-entering withdraw (re-entry caught) gets exactly what it asked for", async () => {
      const { w, contract } = await attacker();
      const marketCoins = await coinsOf(w.market.address);
      await receiptOf(contract.write.attack([60n, false]));
      expect(await contract.read.reentryAttempts()).to.equal(1n);
      expect(await contract.read.reentrySuccesses()).to.equal(0n);
      expect(await contract.read.received()).to.equal(60n);
      expect(await coinsOf(contract.address)).to.equal(60n);
      expect(await w.market.read.balanceOf([contract.address])).to.equal(40n);
      expect(await coinsOf(w.market.address)).to.equal(marketCoins - 60n);
    });

    it("a receiver whose re-entry reverts makes the whole withdraw fail, and keeps its balance", async () => {
      const { w, contract } = await attacker();
      await expectRevert(contract.write.attack([60n, true]));
      expect(await w.market.read.balanceOf([contract.address])).to.equal(100n);
      expect(await coinsOf(contract.address)).to.equal(0n);
    });
  });

  describe("plain coin transfers", () => {
    it("revert with no data, with an unknown selector, and with an unknown selector and no value", async () => {
      const w = await loadFixture(worldFixture);
      const before = await coinsOf(w.market.address);
      const send = (data: `0x${string}` | undefined, value: bigint) =>
        w.stranger.sendTransaction({ to: w.market.address, value, data });
      await expectRevert(send(undefined, 1n));
      await expectRevert(send("0xdeadbeef", 1n));
      await expectRevert(send("0xdeadbeef00000000000000000000000000000000000000000000000000000001", 0n));
      expect(await coinsOf(w.market.address)).to.equal(before);
    });
  });

  describe("a stranger (no role) cannot", () => {
    it("place orders, assign or replace MPCs, report non-compliance", async () => {
      const w = await loadFixture(worldFixture);
      const job = await aJobInFlight(w);
      const s = { account: w.stranger.account };
      await expectRevert(
        w.market.write.placeOrder(
          [
            "0x000000000000000000000000000000aa",
            HORIZONTAL,
            w.qc.account.address,
            [w.dos[5].account.address],
            [1n],
            1,
            1,
            1,
            0n,
          ],
          s,
        ),
        "AccessControlUnauthorizedAccount",
      );
      const ordered = await placeOrder(w, {
        jobType: HORIZONTAL,
        dos: [w.dos[6]],
        doPrices: [5n],
        mpcCount: 1,
        totalEpochs: 1,
      });
      await expectRevert(
        w.market.write.assignMpcs([ordered.id, [w.mpcs[3].account.address], 1n], s),
        "AccessControlUnauthorizedAccount",
      );
      await receiptOf(
        w.market.write.requestMpcReplacement([job.id, w.mpcs[0].account.address], {
          account: w.dos[0].account,
        }),
      );
      await expectRevert(
        w.market.write.replaceMpc([job.id, w.mpcs[0].account.address, w.mpcs[1].account.address], s),
        "AccessControlUnauthorizedAccount",
      );
      await expectRevert(
        w.market.write.reportFailure([job.id, [w.dos[0].account.address], REASON.NonCompliantResult], s),
        "AccessControlUnauthorizedAccount",
      );
      // Neither can a participant: a DO is not the GDS.
      await expectRevert(
        w.market.write.reportFailure([job.id, [w.dos[1].account.address], REASON.NonCompliantResult], {
          account: w.dos[0].account,
        }),
        "AccessControlUnauthorizedAccount",
      );
    });

    it("change parameters, pause, unpause, grant roles, upgrade", async () => {
      const w = await loadFixture(worldFixture);
      const market = await fullMarket(w.market.address);
      const s = { account: w.stranger.account };
      const params = await w.market.read.parameters();
      await expectRevert(
        market.write.setParameters([{ ...params, timeoutBlocks: 1 }], s),
        "AccessControlUnauthorizedAccount",
      );
      await expectRevert(market.write.pause(s), "AccessControlUnauthorizedAccount");
      await receiptOf(market.write.pause({ account: w.admin.account }));
      await expectRevert(market.write.unpause(s), "AccessControlUnauthorizedAccount");
      const gdsRole = await market.read.GDS_ROLE();
      await expectRevert(
        market.write.grantRole([gdsRole, w.stranger.account.address], s),
        "AccessControlUnauthorizedAccount",
      );
      await expectRevert(
        market.write.upgradeToAndCall([w.implementation, "0x"], s),
        "AccessControlUnauthorizedAccount",
      );
      // The GDS is no admin either.
      await expectRevert(
        market.write.setParameters([{ ...params, timeoutBlocks: 1 }], { account: w.gds.account }),
        "AccessControlUnauthorizedAccount",
      );
      expect((await w.market.read.parameters()).timeoutBlocks).to.equal(params.timeoutBlocks);
    });
  });

  describe("pause", () => {
    it("stops new orders and queries, never withdrawals or cancellation", async () => {
      const w = await loadFixture(worldFixture);
      const ordered = await placeOrder(w, {
        jobType: HORIZONTAL,
        dos: [w.dos[6]],
        doPrices: [5n],
        mpcCount: 1,
        totalEpochs: 1,
      });
      const market = await fullMarket(w.market.address);
      await receiptOf(market.write.pause({ account: w.admin.account }));
      await expectRevert(
        placeOrder(w, { jobType: HORIZONTAL, dos: [w.dos[7]], doPrices: [5n], mpcCount: 1, totalEpochs: 1 }),
        "EnforcedPause",
      );
      await expectRevert(submitQuery(w, ordered, 10n), "EnforcedPause");
      await receiptOf(w.market.write.withdraw([1n], { account: w.dos[0].account }));
      await receiptOf(w.market.write.cancelJob([ordered.id], { account: w.qc.account }));
    });
  });

  describe("forced coins (selfdestruct, cancun semantics)", () => {
    it("are tolerated: balance exceeds obligations by exactly the forced amount, nobody can claim it", async () => {
      const w = await loadFixture(worldFixture);
      const job = await aJobInFlight(w);
      const before = await solvency(w);
      expect(before.coins).to.equal(before.owed);

      const forced = 12_345n;
      await hre.viem.deployContract("ForceSender", [w.market.address], { value: forced });
      const after = await solvency(w);
      expect(after.coins).to.equal(before.coins + forced);
      expect(after.owed).to.equal(before.owed);
      expect(after.coins >= after.owed).to.equal(true);

      // The market keeps working: the job can still be cancelled and everyone can take all it owns.
      await receiptOf(w.market.write.cancelJob([job.id], { account: w.qc.account }));
      const qcBalance = await w.market.read.balanceOf([w.qc.account.address]);
      await expectRevert(
        w.market.write.withdraw([qcBalance + 1n], { account: w.qc.account }),
        "JobMarketInsufficientBalance",
      );
      await receiptOf(w.market.write.withdraw([qcBalance], { account: w.qc.account }));
      const end = await solvency(w);
      expect(end.coins - end.owed).to.equal(forced);
    });
  });
});
