// Attacks (docs/rules.md §1, §8): re-entrant withdraw, plain coin transfers, strangers calling privileged
// functions, pausing, and coins forced in by selfdestruct.
import hre from "hardhat";
import { expect } from "chai";
import { expectRevert, receiptOf } from "../helpers/chain.cjs";
import { FailureReason, JobType } from "../helpers/jobs.cjs";
import { forEachAsset, worldFixture, type World } from "../helpers/world.cjs";

const world = worldFixture();

/** The asset the market holds and what it owes (every account's stake + unsettled QC payments). */
async function solvency(w: World) {
  const probe = await w.probe();
  const jobIds: `0x${string}`[] = [];
  const count = await w.market.read.jobCount();
  for (let i = 0n; i < count; i++) jobIds.push(await w.market.read.jobIdAt([i]));
  const { held, stakes, jobMoney } = await probe(
    w.everyone.map((x) => x.account.address),
    jobIds,
  );
  return { coins: held, owed: stakes + jobMoney };
}

const aJobInFlight = (w: World) =>
  w.job().dos(2, { price: 100n }).mpcs(1, { price: 10n }).epochs(1).dispatched();

forEachAsset((asset) =>
  describe(`attacks · ${asset}`, () => {
    // Only the native coin calls the recipient (its receive()); a token market's withdraw is a plain ERC-20
    // transfer (the asset is the deployer's choice of a token without hooks, docs/rules.md §12).
    (asset === "native" ? describe : describe.skip)("re-entrant withdraw (native coin)", () => {
      async function attacker() {
        const w = await world(asset);
        const contract = await hre.viem.deployContract("ReentrantWithdrawer", [w.market.address]);
        await receiptOf(contract.write.register({ value: 100n }));
        return { w, contract };
      }

      it("a receiver re-entering withdraw (re-entry caught) gets exactly what it asked for", async () => {
        const { w, contract } = await attacker();
        const marketCoins = await w.marketHoldings();
        await receiptOf(contract.write.attack([60n, false]));
        expect(await contract.read.reentryAttempts()).to.equal(1n);
        expect(await contract.read.reentrySuccesses()).to.equal(0n);
        expect(await contract.read.received()).to.equal(60n);
        expect(await w.holdingsOf(contract.address)).to.equal(60n);
        expect(await w.market.read.balanceOf([contract.address])).to.equal(40n);
        expect(await w.marketHoldings()).to.equal(marketCoins - 60n);
      });

      it("a receiver whose re-entry reverts makes the whole withdraw fail, and keeps its balance", async () => {
        const { w, contract } = await attacker();
        await expectRevert(contract.write.attack([60n, true]));
        expect(await w.market.read.balanceOf([contract.address])).to.equal(100n);
        expect(await w.holdingsOf(contract.address)).to.equal(0n);
      });
    });

    describe("plain coin transfers", () => {
      it("revert with no data, with an unknown selector, and with an unknown selector and no value", async () => {
        const w = await world(asset);
        const before = await w.marketHoldings();
        const send = (data: `0x${string}` | undefined, value: bigint) =>
          w.stranger.sendTransaction({ to: w.market.address, value, data });
        await expectRevert(send(undefined, 1n));
        await expectRevert(send("0xdeadbeef", 1n));
        await expectRevert(send("0xdeadbeef00000000000000000000000000000000000000000000000000000001", 0n));
        expect(await w.marketHoldings()).to.equal(before);
      });
    });

    describe("a stranger (no role) cannot", () => {
      it("place orders, assign or replace MPCs, report non-compliance", async () => {
        const w = await world(asset);
        const job = await aJobInFlight(w);
        const denied = "AccessControlUnauthorizedAccount";
        await expectRevert(
          w.job().type(JobType.Horizontal).dos([w.dos[5]]).build().place(w.stranger),
          denied,
        );
        const ordered = await w.job().dos([w.dos[6]], { price: 5n }).mpcs(1).epochs(1).ordered();
        await expectRevert(ordered.assign([w.mpcs[3]], 1n, w.stranger), denied);
        await job.requestReplacement(job.dos[0], job.mpcs[0]);
        await expectRevert(job.replace(job.mpcs[0], w.mpcs[1], w.stranger), denied);
        await expectRevert(job.report([job.dos[0]], FailureReason.NonCompliantResult, w.stranger), denied);
        // Neither can a participant: a DO is not the GDS.
        await expectRevert(job.report([job.dos[1]], FailureReason.NonCompliantResult, job.dos[0]), denied);
      });

      it("change parameters, pause, unpause, grant roles, upgrade", async () => {
        const w = await world(asset);
        const s = { account: w.stranger.account };
        const denied = "AccessControlUnauthorizedAccount";
        await expectRevert(w.market.write.setParameters([{ ...w.params, timeoutBlocks: 1 }], s), denied);
        await expectRevert(w.market.write.pause(s), denied);
        await receiptOf(w.market.write.pause({ account: w.admin.account }));
        await expectRevert(w.market.write.unpause(s), denied);
        const gdsRole = await w.market.read.GDS_ROLE();
        await expectRevert(w.market.write.grantRole([gdsRole, w.stranger.account.address], s), denied);
        await expectRevert(w.market.write.upgradeToAndCall([w.implementation, "0x"], s), denied);
        // The GDS is no admin either.
        await expectRevert(
          w.market.write.setParameters([{ ...w.params, timeoutBlocks: 1 }], { account: w.gds.account }),
          denied,
        );
        expect((await w.market.read.parameters()).timeoutBlocks).to.equal(w.params.timeoutBlocks);
      });
    });

    describe("pause", () => {
      it("stops new orders and queries, never withdrawals or cancellation", async () => {
        const w = await world(asset);
        const ordered = await w.job().dos([w.dos[6]], { price: 5n }).mpcs(1).epochs(1).ordered();
        await receiptOf(w.market.write.pause({ account: w.admin.account }));
        await expectRevert(
          w.job().dos([w.dos[7]], { price: 5n }).mpcs(1).epochs(1).ordered(),
          "EnforcedPause",
        );
        await expectRevert(ordered.pay(10n), "EnforcedPause");
        await w.withdraw(w.dos[0], 1n);
        await ordered.cancel();
      });
    });

    describe("money forced in (native: selfdestruct under cancun; a token: a plain transfer)", () => {
      it("is tolerated: holdings exceed obligations by exactly the forced amount, nobody can claim it", async () => {
        const w = await world(asset);
        const job = await aJobInFlight(w);
        const before = await solvency(w);
        expect(before.coins).to.equal(before.owed);

        const forced = 12_345n;
        if (w.token)
          await receiptOf(
            w.token.write.transfer([w.market.address, forced], { account: w.stranger.account }),
          );
        else await hre.viem.deployContract("ForceSender", [w.market.address], { value: forced });
        const after = await solvency(w);
        expect(after.coins).to.equal(before.coins + forced);
        expect(after.owed).to.equal(before.owed);
        expect(await w.market.read.holdings()).to.equal(before.owed); // never counted: it bounds nothing

        // The market keeps working: the job can still be cancelled and everyone can take all it owns.
        await job.cancel();
        const qcBalance = await w.market.read.balanceOf([w.qc.account.address]);
        await expectRevert(w.withdraw(w.qc, qcBalance + 1n), "JobMarketInsufficientBalance");
        await w.withdraw(w.qc, qcBalance);
        const end = await solvency(w);
        expect(end.coins - end.owed).to.equal(forced);
      });
    });
  }),
);
