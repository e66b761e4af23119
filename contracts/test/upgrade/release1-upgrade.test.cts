// The upgrade of a release-1 market (the frozen release 1 of test/fixtures/release1) to release 2 with
// jobs in flight — Ordered and part-paid, Dispatched half-way, Aborting — then every one of them settled
// under the release-2 rules, and a job ordered under release 1 judged under release 2. The market keeps the
// native coin; its holdings total starts as its coin balance.
import hre from "hardhat";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { encodeFunctionData, zeroAddress, type Hash } from "viem";
import { settleCompleted, settleFailure, settleCancelled } from "../../../src/protocol/money/index.ts";
import { expectRevert, receiptOf } from "../helpers/chain.cjs";
import { ALL, FailureReason, JobState, offenders, Status, TaskType, type Job } from "../helpers/jobs.cjs";
import { release1Read, release1World, release1Write } from "../helpers/release1.cjs";
import { expectSettlement } from "../helpers/settlement.cjs";
import { ARBITER_ROLE, deployImplementation, marketAt, World, type Wallet } from "../helpers/world.cjs";

const UNIT = 10n ** 18n;
const STAKE = 1_000n * UNIT;

/** A release-1 market with four jobs in flight, made with release 1's own ABI. */
async function release1InFlight() {
  const { market, admin, gds, qc, dos, mpcs, wallets } = await release1World(STAKE);
  const place = async (id: Hash, jobDos: Wallet[], jobType = 0) =>
    release1Write(market, gds, "placeOrder", [
      id,
      jobType,
      qc.account.address,
      jobDos.map((d) => d.account.address),
      jobDos.map(() => 1000n),
      1,
      1,
      2,
      10n ** 24n,
    ]);
  const assign = (id: Hash, mpc: Wallet) =>
    release1Write(market, gds, "assignMpcs", [id, [mpc.account.address], 500n]);
  const pay = (id: Hash, value: bigint) => release1Write(market, qc, "submitQuery", [id], value);
  const report = (id: Hash, who: Wallet, s: object) => release1Write(market, who, "updateJobStatus", [id, s]);
  const ids = {
    ordered: "0x0000000000000000000000000000a001" as Hash,
    dispatched: "0x0000000000000000000000000000a002" as Hash,
    aborting: "0x0000000000000000000000000000a003" as Hash,
    toJudge: "0x0000000000000000000000000000a004" as Hash,
  };
  // Ordered, part-paid (total 3,850: 3 DOs at 1,000 + 1 MPC at 500, + 10 %)
  await place(ids.ordered, dos.slice(0, 3));
  await assign(ids.ordered, mpcs[0]);
  await pay(ids.ordered, 1000n);
  // Dispatched, two of three DOs done
  await place(ids.dispatched, dos.slice(3, 6));
  await assign(ids.dispatched, mpcs[1]);
  await pay(ids.dispatched, 3850n + 150n);
  for (const d of dos.slice(3, 5))
    await report(ids.dispatched, d, {
      taskType: TaskType.Training,
      epoch: ALL,
      batch: ALL,
      status: Status.Completed,
    });
  // Aborting: DO 7 completed an epoch, DO 8 reported Failed
  await place(ids.aborting, dos.slice(6, 8));
  await assign(ids.aborting, mpcs[2]);
  await pay(ids.aborting, 2750n);
  await report(ids.aborting, dos[6], {
    taskType: TaskType.Training,
    epoch: 0,
    batch: ALL,
    status: Status.Completed,
  });
  await report(ids.aborting, dos[7], {
    taskType: TaskType.Training,
    epoch: 0,
    batch: 3,
    status: Status.Failed,
  });
  // Dispatched, to be judged under release 2
  await place(ids.toJudge, dos.slice(8, 10));
  await assign(ids.toJudge, mpcs[3]);
  await pay(ids.toJudge, 2750n);
  return { market, admin, gds, qc, dos, mpcs, ids, wallets };
}

/** The release-1 market upgraded to release 2 (initializeRelease2 in the upgrade transaction). */
async function upgraded() {
  const r = await loadFixture(release1InFlight);
  const { implementation, libraries } = await deployImplementation();
  const arbiter = r.wallets[3];
  const init = encodeFunctionData({
    abi: implementation.abi,
    functionName: "initializeRelease2",
    args: [arbiter.account.address],
  });
  await release1Write(r.market, r.admin, "upgradeToAndCall", [implementation.address, init]);
  const market = await marketAt(r.market.address);
  const publicClient = await hre.viem.getPublicClient();
  const w = new World(
    "native",
    market,
    implementation.address,
    libraries,
    r.wallets,
    publicClient,
    UNIT,
    STAKE,
  );
  w.params = await market.read.parameters();
  return { ...r, w };
}

/** A release-2 handle of a job placed under release 1 (its terms as placed, its MPC, what was paid). */
function adopt(w: World, id: Hash, dos: Wallet[], mpc: Wallet, paid: bigint): Job {
  const job = w.job().id(id).dos(dos, { price: 1000n }).mpcs([mpc], { price: 500n }).epochs(2).build();
  job.mpcs = [mpc];
  job.mpcPrice = 500n;
  job.paidTotal = paid;
  return job;
}

describe("upgrade: release 1 -> release 2 with jobs in flight (native coin)", () => {
  it("keeps every job, node and balance; counts its holdings; sets the release-2 parameters and the arbiter", async () => {
    const r = await loadFixture(release1InFlight);
    const before = await Promise.all(
      Object.values(r.ids).map((id) => release1Read<{ params: object }>(r.market, "getJob", [id])),
    );
    const stakes = await Promise.all(
      r.dos.map((d) => release1Read<[bigint, bigint]>(r.market, "stakeOf", [d.account.address])),
    );
    const { w } = await upgraded();
    expect(await w.market.read.version()).to.equal("2.0.0");
    expect(await w.market.read.holdings()).to.equal(await w.marketHoldings());
    expect(await w.market.read.trustParameters()).to.deep.equal({
      challengeWindowBlocks: 7200,
      arbitrationBlocks: 50400,
      judgementBondBps: 1000,
    });
    expect(await w.market.read.hasRole([ARBITER_ROLE, w.arbiter.account.address])).to.equal(true);
    const after = await Promise.all(Object.values(r.ids).map((id) => w.market.read.getJob([id])));
    after.forEach((view, i) => {
      const { params, ...rest } = before[i]; // release 2 adds fields to both
      expect(view).to.deep.include(rest);
      expect(view.params).to.deep.include(params);
    });
    for (const [i, d] of r.dos.entries())
      expect(await w.market.read.stakeOf([d.account.address])).to.deep.equal(stakes[i]);
    // once only, and only by an upgrader
    await expectRevert(
      w.market.write.initializeRelease2([zeroAddress], { account: w.admin.account }),
      "InvalidInitialization",
    );
  });

  it("settles the Ordered job by a free cancel, the Dispatched one by completion and the Aborting one by settleAbort", async () => {
    const { w, dos, mpcs, ids } = await upgraded();
    const ordered = adopt(w, ids.ordered, dos.slice(0, 3), mpcs[0], 1000n);
    await expectSettlement(
      ordered,
      settleCancelled({ ...ordered.money(), dispatched: false, cancelFineBps: 6000 }, ordered.members()),
      JobState.Cancelled,
      () => ordered.cancel(ordered.qc, 0n),
    );

    const dispatched = adopt(w, ids.dispatched, dos.slice(3, 6), mpcs[1], 4000n);
    await expectSettlement(
      dispatched,
      settleCompleted(dispatched.money(), dispatched.members()),
      JobState.Completed,
      () => dispatched.complete(dos[5]),
    );

    const aborting = adopt(w, ids.aborting, dos.slice(6, 8), mpcs[2], 2750n);
    const expected = settleFailure(
      aborting.money(),
      aborting.members(new Map([[dos[6], 1]])),
      offenders([dos[7], FailureReason.SelfReported]),
      aborting.failureTerms(true),
    );
    await expectSettlement(aborting, expected, JobState.Failed, () => aborting.settleAbort());
  });

  it("judges a job ordered under release 1 with the release-2 parameters; the overturned DO gets the bond", async () => {
    const { w, dos, mpcs, ids } = await upgraded();
    const job = adopt(w, ids.toJudge, dos.slice(8, 10), mpcs[3], 2750n);
    await w.deposit(w.gds, 1000n); // a GDS deposits for its bonds
    await job.judge([dos[8]]);
    const view = await job.view();
    expect(view.params.challengeWindowBlocks).to.equal(7200);
    expect(view.bond).to.equal(200n); // C = 2,000 (two DOs at 1,000), k = 1: 10 % of the 2,000 asked
    await job.challenge(dos[8]);
    await job.resolve([]);
    expect(await job.state()).to.equal(JobState.Failed);
    expect(await w.market.read.balanceOf([dos[8].account.address])).to.equal(STAKE + 200n);
    // Everyone can take all the market owes it; the market holds exactly its holdings.
    for (const who of [w.gds, job.qc, ...dos.slice(8, 10), mpcs[3]]) {
      const balance = await w.market.read.balanceOf([who.account.address]);
      if (balance > 0n) await receiptOf(w.market.write.withdraw([balance], { account: who.account }));
    }
    expect(await w.market.read.holdings()).to.equal(await w.marketHoldings());
  });
});
