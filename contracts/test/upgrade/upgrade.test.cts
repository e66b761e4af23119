// UUPS upgrade with jobs in flight (docs/rules.md §8): the market -> JobMarketNext keeps every job,
// balance, node and parameter, and the in-flight job completes afterwards; only UPGRADER_ROLE may upgrade.
import hre from "hardhat";
import { expect } from "chai";
import { encodeFunctionData, getAddress, toFunctionSelector, type Address, type Hash } from "viem";
import { settleCompleted } from "../../../src/protocol/money/index.ts";
import { expectRevert, receiptOf } from "../helpers/chain.cjs";
import { JobState } from "../helpers/jobs.cjs";
import { expectSettlement } from "../helpers/settlement.cjs";
import { deployLibraries, forEachAsset, worldFixture, type World } from "../helpers/world.cjs";

const world = worldFixture();

// ERC-1967: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

async function implementationOf(proxy: Address): Promise<Address> {
  const client = await hre.viem.getPublicClient();
  const word = await client.getStorageAt({ address: proxy, slot: IMPLEMENTATION_SLOT });
  return getAddress(`0x${word!.slice(26)}`);
}

/** Everything a user could observe through the views, for a before/after comparison. */
async function observe(w: World, jobIds: Hash[]) {
  const accounts = w.everyone.map((x) => x.account.address);
  const r = w.market.read;
  return {
    coins: await w.marketHoldings(),
    parameters: await r.parameters(),
    jobCount: await r.jobCount(),
    nodeCount: await r.nodeCount(),
    stakes: await Promise.all(accounts.map((a) => r.stakeOf([a]))),
    nodes: await Promise.all(accounts.map((a) => r.getNode([a]))),
    jobs: await Promise.all(jobIds.map((id) => r.getJob([id]))),
    progress: await Promise.all(jobIds.map((id) => r.getProgress([id]))),
    participants: await Promise.all(jobIds.map((id) => r.getParticipants([id]))),
  };
}

/** A dispatched Horizontal job half-way through, a Vertical one still Ordered and part-paid, a settled one. */
async function inFlight(w: World) {
  const h = await w
    .job()
    .dos(3, { prices: [100n, 200n, 300n] })
    .mpcs(1, { price: 40n })
    .assigned();
  await h.pay(h.total + 9n);
  for (const d of h.dos) await h.completeEpochs(d, 1);
  await h.complete(h.dos[0]);
  await h.progressTo(h.mpcs[0], 0, 4);

  const v = await w
    .job()
    .vertical()
    .dos(2, { prices: [50n, 70n], from: 3 })
    .mpcs(1, { price: 3n, from: 1 })
    .epochs(1)
    .quote(500n)
    .assigned();
  await v.pay(100n);

  const s = await w
    .job()
    .dos([w.dos[5]], { price: 10n })
    .mpcs(1, { price: 5n, from: 2 })
    .epochs(1)
    .dispatched();
  await s.cancel();
  await w.withdraw(w.gds, 1n);
  return { h, jobIds: [h.id, v.id, s.id] };
}

async function deployNext() {
  return hre.viem.deployContract("JobMarketNext", [], { libraries: { ...(await deployLibraries()) } });
}

forEachAsset((asset) =>
  describe(`upgrade: the market -> JobMarketNext with jobs in flight · ${asset}`, () => {
    it("keeps every job, balance, node and parameter; the in-flight job completes after the upgrade", async () => {
      const w = await world(asset);
      const { h, jobIds } = await inFlight(w);
      const before = await observe(w, jobIds);
      const previous = await implementationOf(w.market.address);

      const next = await deployNext();
      const init = encodeFunctionData({ abi: next.abi, functionName: "initializeNext", args: [] });
      const receipt = await receiptOf(
        w.market.write.upgradeToAndCall([next.address, init], { account: w.admin.account }),
      );
      expect(await implementationOf(w.market.address)).to.equal(getAddress(next.address));
      expect(await implementationOf(w.market.address)).to.not.equal(previous);
      const upgraded = await hre.viem.getContractAt("JobMarketNext", w.market.address);
      expect(await upgraded.read.isNext()).to.equal(true);
      expect(await upgraded.read.upgradedAtBlock()).to.equal(receipt.blockNumber);
      await expectRevert(
        upgraded.write.initializeNext({ account: w.admin.account }),
        "InvalidInitialization",
      );
      expect(await observe(w, jobIds)).to.deep.equal(before);

      // The in-flight job goes on under the new version and pays out exactly as before the upgrade.
      await h.complete(h.dos[1]);
      const expected = settleCompleted(h.money(), h.members());
      await expectSettlement(h, expected, JobState.Completed, () => h.complete(h.dos[2]));
      // And money still leaves through withdraw.
      await w.withdraw(h.mpcs[0], h.mpcFee);
    });

    it("refuses an upgrade from anyone without UPGRADER_ROLE (the GDS included)", async () => {
      const w = await world(asset);
      await inFlight(w);
      const next = await deployNext();
      for (const who of [w.stranger, w.gds, w.qc, w.dos[0]]) {
        await expectRevert(
          w.market.write.upgradeToAndCall([next.address, "0x"], { account: who.account }),
          "AccessControlUnauthorizedAccount",
        );
      }
      expect(await implementationOf(w.market.address)).to.equal(getAddress(w.implementation));
    });

    it("the implementation itself cannot be initialised or upgraded directly", async () => {
      const w = await world(asset);
      const implementation = await hre.viem.getContractAt("JobMarket", w.implementation);
      // Called on the bare implementation, Hardhat cannot name the error: match its selector.
      await expectRevert(
        implementation.write.initialize([w.stranger.account.address, w.assetAddress], {
          account: w.stranger.account,
        }),
        toFunctionSelector("InvalidInitialization()"),
      );
      const next = await deployNext();
      await expectRevert(
        implementation.write.upgradeToAndCall([next.address, "0x"], { account: w.admin.account }),
      );
    });
  }),
);
