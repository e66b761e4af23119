// UUPS upgrade with jobs in flight (SPEC §8): V1 -> JobMarketV2 keeps every job, balance, node and
// parameter, and the in-flight job completes afterwards; only UPGRADER_ROLE may upgrade.
import hre from "hardhat";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { encodeFunctionData, getAddress, toFunctionSelector, type Address, type Hash } from "viem";
import { expectRevert, receiptOf } from "../scenarios/helpers/chain.cjs";
import { HORIZONTAL, VERTICAL, priceOf, settleHappy } from "../scenarios/helpers/oracle.cjs";
import {
  STATE,
  STATUS,
  TASK,
  addr,
  assignMpcs,
  completeEpochs,
  dispatchedJob,
  expectSettlement,
  finishPart,
  placeOrder,
  submitQuery,
  update,
} from "../scenarios/helpers/jobs.cjs";
import { fullMarket, worldFixture, type World } from "../scenarios/helpers/world.cjs";
import { deployLibraries, linkedLibraries } from "../helpers/deploy.cjs";

// ERC-1967: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

async function implementationOf(proxy: Address): Promise<Address> {
  const client = await hre.viem.getPublicClient();
  const word = await client.getStorageAt({ address: proxy, slot: IMPLEMENTATION_SLOT });
  return getAddress(`0x${word!.slice(26)}`);
}

/** Everything a user could observe through the views, for a before/after comparison. */
async function observe(w: World, jobIds: Hash[]) {
  const accounts = [w.admin, w.gds, w.qc, w.stranger, ...w.dos, ...w.mpcs].map((x) => x.account.address);
  const client = await hre.viem.getPublicClient();
  return {
    coins: await client.getBalance({ address: w.market.address }),
    parameters: await w.market.read.parameters(),
    jobCount: await w.market.read.jobCount(),
    nodeCount: await w.market.read.nodeCount(),
    stakes: await Promise.all(accounts.map((a) => w.market.read.stakeOf([a]))),
    nodes: await Promise.all(accounts.map((a) => w.market.read.getNode([a]))),
    jobs: await Promise.all(jobIds.map((id) => w.market.read.getJob([id]))),
    progress: await Promise.all(jobIds.map((id) => w.market.read.getProgress([id]))),
    participants: await Promise.all(jobIds.map((id) => w.market.read.getParticipants([id]))),
  };
}

async function inFlight() {
  const w = await loadFixture(worldFixture);
  // A dispatched Horizontal job half-way through, a Vertical one still Ordered and part-paid,
  // and a settled one.
  const hDos = w.dos.slice(0, 3);
  const hPrice = priceOf(HORIZONTAL, [100n, 200n, 300n], 1n, 1n, 40n, 1000n);
  const h = await dispatchedJob(
    w,
    { jobType: HORIZONTAL, dos: hDos, doPrices: [100n, 200n, 300n], mpcCount: 1, totalEpochs: 2 },
    [w.mpcs[0]],
    40n,
    hPrice.total + 9n,
  );
  for (const d of hDos) await completeEpochs(w, h.job, d, 1);
  await finishPart(w, h.job, hDos[0]);
  await update(w, h.job, w.mpcs[0], {
    taskType: TASK.Aggregation,
    epoch: 0,
    batch: 4,
    status: STATUS.InProgress,
  });

  const v = await placeOrder(w, {
    jobType: VERTICAL,
    dos: w.dos.slice(3, 5),
    doPrices: [50n, 70n],
    mpcCount: 1,
    totalEpochs: 1,
    quote: 500n,
  });
  await assignMpcs(w, v, [w.mpcs[1]], 3n);
  await submitQuery(w, v, 100n);

  const s = await dispatchedJob(
    w,
    { jobType: HORIZONTAL, dos: [w.dos[5]], doPrices: [10n], mpcCount: 1, totalEpochs: 1 },
    [w.mpcs[2]],
    5n,
  );
  await receiptOf(w.market.write.cancelJob([s.job.id], { account: w.qc.account }));
  await receiptOf(w.market.write.withdraw([1n], { account: w.gds.account }));

  return { w, h, hDos, hPrice, jobIds: [h.job.id, v.id, s.job.id] };
}

async function deployV2() {
  const libraries = await deployLibraries();
  return hre.viem.deployContract("JobMarketV2", [], { libraries: linkedLibraries(libraries) });
}

describe("upgrade: V1 -> JobMarketV2 with jobs in flight", () => {
  it("keeps every job, balance, node and parameter; the in-flight job completes after the upgrade", async () => {
    const { w, h, hDos, hPrice, jobIds } = await inFlight();
    const before = await observe(w, jobIds);
    const v1 = await implementationOf(w.market.address);
    expect(await w.market.read.version()).to.equal("1.0.0");

    const v2 = await deployV2();
    const market = await fullMarket(w.market.address);
    const init = encodeFunctionData({ abi: v2.abi, functionName: "initializeV2", args: [] });
    const receipt = await receiptOf(
      market.write.upgradeToAndCall([v2.address, init], { account: w.admin.account }),
    );

    expect(await implementationOf(w.market.address)).to.equal(getAddress(v2.address));
    expect(await implementationOf(w.market.address)).to.not.equal(v1);
    const upgraded = await hre.viem.getContractAt("JobMarketV2", w.market.address);
    expect(await upgraded.read.isV2()).to.equal(true);
    expect(await upgraded.read.upgradedAtBlock()).to.equal(receipt.blockNumber);
    await expectRevert(upgraded.write.initializeV2({ account: w.admin.account }), "InvalidInitialization");

    const after = await observe(w, jobIds);
    expect(after).to.deep.equal(before);

    // The in-flight job goes on under V2 and pays out exactly as V1 would have.
    await finishPart(w, h.job, hDos[1]);
    const expected = settleHappy({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: hPrice.total + 9n,
      price: hPrice,
      dos: hDos.map((d, i) => ({ who: addr(d), fee: hPrice.doFees[i] })),
      mpcs: [{ who: addr(w.mpcs[0]), fee: hPrice.mpcFee }],
    });
    const participants = [...hDos, w.mpcs[0]].map(addr);
    await expectSettlement(
      w,
      h.job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Completed,
      () => finishPart(w, h.job, hDos[2]),
    );
    // And money still leaves through withdraw.
    await receiptOf(w.market.write.withdraw([hPrice.mpcFee], { account: w.mpcs[0].account }));
  });

  it("refuses an upgrade from anyone without UPGRADER_ROLE (the GDS included)", async () => {
    const { w } = await inFlight();
    const v2 = await deployV2();
    const market = await fullMarket(w.market.address);
    for (const who of [w.stranger, w.gds, w.qc, w.dos[0]]) {
      await expectRevert(
        market.write.upgradeToAndCall([v2.address, "0x"], { account: who.account }),
        "AccessControlUnauthorizedAccount",
      );
    }
    expect(await implementationOf(w.market.address)).to.equal(getAddress(w.implementation));
  });

  it("the implementation itself cannot be initialised or upgraded directly", async () => {
    const { w } = await inFlight();
    const implementation = await hre.viem.getContractAt("JobMarket", w.implementation);
    // Called on the bare implementation, Hardhat cannot name the error: match its selector.
    await expectRevert(
      implementation.write.initialize([w.stranger.account.address], { account: w.stranger.account }),
      toFunctionSelector("InvalidInitialization()"),
    );
    const v2 = await deployV2();
    await expectRevert(
      implementation.write.upgradeToAndCall([v2.address, "0x"], { account: w.admin.account }),
    );
  });
});
