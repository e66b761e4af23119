// The draft's corner scenarios and SPEC §6's worked example, each checked to the wei against the
// oracle (fines, compensation, remainder shares, dust to the GDS, refunds) and by hand where the SPEC
// states the numbers.
import hre from "hardhat";
import { expect } from "chai";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { parseEventLogs } from "viem";
import { expectRevert, receiptOf } from "./helpers/chain.cjs";
import {
  BPS,
  DEFAULT_SHARES,
  FINE_BPS,
  HORIZONTAL,
  VERTICAL,
  settleFailure,
  type Member,
} from "./helpers/oracle.cjs";
import {
  ALL,
  REASON,
  STATE,
  STATUS,
  TASK,
  addr,
  completeEpochs,
  dispatchedJob,
  expectSettlement,
  finishPart,
  timeOutAllBut,
  update,
  type Job,
} from "./helpers/jobs.cjs";
import { worldFixture, type Wallet, type World } from "./helpers/world.cjs";

const TEN_DOS_AT_1000 = Array.from({ length: 10 }, () => 1000n);

/** SPEC's worked example job: horizontal, 10 DOs at 1000, F = 1, 2 MPCs at 500, GDS 10 %. */
async function workedExampleJob(w: World, totalEpochs = 10) {
  const dos = w.dos.slice(0, 10);
  const mpcs = w.mpcs.slice(0, 2);
  const d = await dispatchedJob(
    w,
    { jobType: HORIZONTAL, dos, doPrices: TEN_DOS_AT_1000, mpcCount: 2, totalEpochs },
    mpcs,
    500n,
  );
  return { ...d, dos, mpcs };
}

const members = (wallets: Wallet[], fee: bigint): Member[] => wallets.map((x) => ({ who: addr(x), fee }));

function partiesOf(w: World, job: { dos: Wallet[]; mpcs: Wallet[] }) {
  const participants = [...job.dos, ...job.mpcs].map(addr);
  return { participants, parties: [...participants, addr(w.qc), addr(w.gds), addr(w.stranger)] };
}

async function reportFailure(w: World, job: Job, by: Wallet, offenders: Wallet[], reason: number) {
  return receiptOf(
    w.market.write.reportFailure([job.id, offenders.map((o) => o.account.address), reason], {
      account: by.account,
    }),
  );
}

describe("scenarios: failures (SPEC §6)", () => {
  it("SPEC worked example: DO3 times out; QC gets 12,100 back, DO3 loses 10,000, 9 DOs 1,055, MPCs 187, GDS 131", async () => {
    const w = await loadFixture(worldFixture);
    const j = await workedExampleJob(w);
    expect(j.total).to.equal(12_100n);
    expect(j.collateral).to.equal(10_000n);
    const do3 = j.dos[2];
    const good = j.dos.filter((x) => x !== do3);

    await expectRevert(
      reportFailure(w, j.job, w.stranger, [do3], REASON.HeartbeatTimeout),
      "JobMarketNotTimedOut",
    );
    await timeOutAllBut(w, [...good, ...j.mpcs]);
    expect(await w.market.read.isTimedOut([j.job.id, do3.account.address])).to.equal(true);
    expect(await w.market.read.isTimedOut([j.job.id, good[0].account.address])).to.equal(false);

    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(do3), fineBps: FINE_BPS.detected }],
      goodDos: members(good, 1000n),
      goodMpcs: members(j.mpcs, 500n),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: false,
    });
    // The SPEC's numbers by hand: 1,000 left after compensation = 125 GDS + 375 MPCs + 500 DOs;
    // 375 / 2 = 187 r 1 and 500 / 9 = 55 r 5, so the GDS gets 125 + 1 + 5 = 131.
    expect(expected.refunds.get(addr(w.qc))).to.equal(12_100n);
    expect(expected.fines.get(addr(do3))).to.equal(10_000n);
    for (const g of good) expect(expected.rewards.get(addr(g))).to.equal(1_055n);
    for (const m of j.mpcs) expect(expected.rewards.get(addr(m))).to.equal(187n);
    expect(expected.rewards.get(addr(w.gds))).to.equal(131n);

    const { parties, participants } = partiesOf(w, j);
    // Anyone may report a verified timeout: here a stranger does.
    await expectSettlement(w, j.job, parties, participants, expected, STATE.Failed, () =>
      reportFailure(w, j.job, w.stranger, [do3], REASON.HeartbeatTimeout),
    );
    const [, do3Locked] = await w.market.read.stakeOf([do3.account.address]);
    expect(do3Locked).to.equal(0n);
  });

  it("two DOs time out: 5,000 fined from each, 8 good DOs paid 1,000 + their share", async () => {
    const w = await loadFixture(worldFixture);
    const j = await workedExampleJob(w);
    const bad = [j.dos[1], j.dos[6]];
    const good = j.dos.filter((x) => !bad.includes(x));
    await timeOutAllBut(w, [...good, ...j.mpcs]);
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: bad.map((b) => ({ who: addr(b), fineBps: FINE_BPS.detected })),
      goodDos: members(good, 1000n),
      goodMpcs: members(j.mpcs, 500n),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: false,
    });
    for (const b of bad) expect(expected.fines.get(addr(b))).to.equal(5_000n);
    const { parties, participants } = partiesOf(w, j);
    await expectSettlement(w, j.job, parties, participants, expected, STATE.Failed, () =>
      reportFailure(w, j.job, w.stranger, bad, REASON.HeartbeatTimeout),
    );
  });

  it("a report naming one timed-out DO also fines every other timed-out participant", async () => {
    const w = await loadFixture(worldFixture);
    const j = await workedExampleJob(w);
    const named = j.dos[0];
    const alsoLate = j.mpcs[1];
    const good = j.dos.slice(1);
    await timeOutAllBut(w, [...good, j.mpcs[0]]);
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [named, alsoLate].map((b) => ({ who: addr(b), fineBps: FINE_BPS.detected })),
      goodDos: members(good, 1000n),
      goodMpcs: members([j.mpcs[0]], 500n),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: false,
    });
    const { parties, participants } = partiesOf(w, j);
    await expectSettlement(w, j.job, parties, participants, expected, STATE.Failed, () =>
      reportFailure(w, j.job, w.stranger, [named], REASON.HeartbeatTimeout),
    );
  });

  it("a DO self-reports Failed at 40 % of the epochs: Aborting, then settleAbort pays good DOs pro rata", async () => {
    const w = await loadFixture(worldFixture);
    const j = await workedExampleJob(w, 10);
    const failing = j.dos[9];
    const good = j.dos.slice(0, 9);
    const epochsDone = [5, 5, 5, 5, 4, 4, 4, 3, 3];
    for (let i = 0; i < good.length; i++) await completeEpochs(w, j.job, good[i], epochsDone[i]);
    await completeEpochs(w, j.job, failing, 4);

    const receipt = await update(w, j.job, failing, {
      taskType: TASK.Training,
      epoch: 4,
      batch: 2,
      status: STATUS.Failed,
    });
    const aborting = parseEventLogs({ abi: w.market.abi, logs: receipt.logs, eventName: "JobAborting" });
    expect(aborting).to.have.length(1);
    expect(aborting[0].args.reporter.toLowerCase()).to.equal(addr(failing));
    const view = await w.market.read.getJob([j.job.id]);
    expect(view.state).to.equal(STATE.Aborting);
    expect(view.abortReporter.toLowerCase()).to.equal(addr(failing));

    // Progress is frozen: updates are refused, and no other failure can be reported meanwhile.
    await expectRevert(
      update(w, j.job, good[0], { taskType: TASK.Training, epoch: 5, batch: ALL, status: STATUS.Completed }),
      "JobMarketWrongState",
    );
    await expectRevert(
      reportFailure(w, j.job, w.gds, [good[0]], REASON.NonCompliantResult),
      "JobMarketWrongState",
    );

    const progress = await w.market.read.getProgress([j.job.id]);
    for (let i = 0; i < good.length; i++) expect(progress[i].completedEpochs).to.equal(epochsDone[i]);

    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(failing), fineBps: FINE_BPS.selfReport }],
      goodDos: good.map((g, i) => ({ who: addr(g), fee: 1000n, completedEpochs: BigInt(epochsDone[i]) })),
      goodMpcs: members(j.mpcs, 500n),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: true,
      totalEpochs: 10n,
    });
    expect(expected.fines.get(addr(failing))).to.equal(8_000n); // 80 % of C = 10,000
    const { parties, participants } = partiesOf(w, j);
    // The GDS may settle at once.
    await expectSettlement(w, j.job, parties, participants, expected, STATE.Failed, () =>
      receiptOf(w.market.write.settleAbort([j.job.id], { account: w.gds.account })),
    );
  });

  it("settleAbort: a stranger only once abortGraceBlocks have passed since the report", async () => {
    const w = await loadFixture(worldFixture);
    const j = await workedExampleJob(w, 4);
    const receipt = await update(w, j.job, j.dos[0], {
      taskType: TASK.Training,
      epoch: 0,
      batch: 0,
      status: STATUS.Failed,
    });
    const abortedAt = receipt.blockNumber;
    const grace = BigInt((await w.market.read.getJob([j.job.id])).params.abortGraceBlocks);
    // Hardhat mines reverted transactions too, so steer by the current block: the attempt lands in
    // block abortedAt + grace - 1 (still inside the grace), the settlement in abortedAt + grace.
    const client = await hre.viem.getPublicClient();
    await mine(abortedAt + grace - 2n - (await client.getBlockNumber()));
    await expectRevert(
      w.market.write.settleAbort([j.job.id], { account: w.stranger.account }),
      "JobMarketGraceNotOver",
    );
    expect(await client.getBlockNumber()).to.equal(abortedAt + grace - 1n);
    const settled = await receiptOf(w.market.write.settleAbort([j.job.id], { account: w.stranger.account }));
    expect(settled.blockNumber).to.equal(abortedAt + grace);
    expect((await w.market.read.getJob([j.job.id])).state).to.equal(STATE.Failed);
  });

  it("a self-report made after the DO had already timed out is fined as a detected timeout", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const mpcs = w.mpcs.slice(0, 1);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: [100n, 100n, 100n], mpcCount: 1, totalEpochs: 2 },
      mpcs,
      10n,
    );
    const late = dos[1];
    const good = [dos[0], dos[2]];
    await timeOutAllBut(w, [...good, ...mpcs]);
    await update(w, j.job, late, { taskType: TASK.Training, epoch: 0, batch: 0, status: STATUS.Failed });
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(late), fineBps: FINE_BPS.detected }],
      goodDos: good.map((g) => ({ who: addr(g), fee: 100n, completedEpochs: 0n })),
      goodMpcs: members(mpcs, 10n),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: true,
      totalEpochs: 2n,
    });
    const participants = [...dos, ...mpcs].map(addr);
    const parties = [...participants, addr(w.qc), addr(w.gds)];
    let reason = -1;
    await expectSettlement(w, j.job, parties, participants, expected, STATE.Failed, async () => {
      const r = await receiptOf(w.market.write.settleAbort([j.job.id], { account: w.gds.account }));
      const fined = parseEventLogs({ abi: w.market.abi, logs: r.logs, eventName: "Fined" });
      reason = fined[0].args.reason;
      return r;
    });
    expect(reason).to.equal(REASON.HeartbeatTimeout);
  });

  it("an MPC times out (draft scenario 3): QC refunded, MPC loses C, every DO gets its full fee", async () => {
    const w = await loadFixture(worldFixture);
    const j = await workedExampleJob(w);
    const silent = j.mpcs[0];
    await timeOutAllBut(w, [...j.dos, j.mpcs[1]]);
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(silent), fineBps: FINE_BPS.detected }],
      goodDos: members(j.dos, 1000n),
      goodMpcs: members([j.mpcs[1]], 500n),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: false,
    });
    for (const d of j.dos) expect(expected.rewards.get(addr(d))).to.equal(1_000n);
    const { parties, participants } = partiesOf(w, j);
    await expectSettlement(w, j.job, parties, participants, expected, STATE.Failed, () =>
      reportFailure(w, j.job, w.qc, [silent], REASON.HeartbeatTimeout),
    );
  });

  it("Vertical: the MPC self-reports Failed (draft scenario 4): Aborting, DOs paid by completed epochs", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const mpcs = w.mpcs.slice(0, 1);
    const doPrices = [100n, 200n, 300n];
    const j = await dispatchedJob(
      w,
      { jobType: VERTICAL, dos, doPrices, mpcCount: 1, totalEpochs: 4 },
      mpcs,
      5n,
    );
    for (const p of [...dos, ...mpcs]) await finishPart(w, j.job, p, TASK.PSI);
    const epochsDone = [2, 1, 3];
    for (let i = 0; i < dos.length; i++) await completeEpochs(w, j.job, dos[i], epochsDone[i]);
    await completeEpochs(w, j.job, mpcs[0], 1);
    await update(w, j.job, mpcs[0], { taskType: TASK.Training, epoch: 1, batch: 0, status: STATUS.Failed });
    expect((await w.market.read.getJob([j.job.id])).state).to.equal(STATE.Aborting);

    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(mpcs[0]), fineBps: FINE_BPS.selfReport }],
      goodDos: dos.map((d, i) => ({
        who: addr(d),
        fee: doPrices[i],
        completedEpochs: BigInt(epochsDone[i]),
      })),
      goodMpcs: [],
      shares: DEFAULT_SHARES[VERTICAL],
      byAbort: true,
      totalEpochs: 4n,
    });
    expect(expected.fines.get(addr(mpcs[0]))).to.equal((j.collateral * 8000n) / BPS);
    const participants = [...dos, ...mpcs].map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Failed,
      () => receiptOf(w.market.write.settleAbort([j.job.id], { account: w.gds.account })),
    );
  });

  it("non-compliant DOs (draft scenario 5): only the GDS may report; 5,000 from each of two", async () => {
    const w = await loadFixture(worldFixture);
    const j = await workedExampleJob(w);
    const bad = [j.dos[3], j.dos[4]];
    const good = j.dos.filter((x) => !bad.includes(x));
    await expectRevert(reportFailure(w, j.job, w.stranger, bad, REASON.NonCompliantResult), "Unauthorized");
    await expectRevert(reportFailure(w, j.job, w.qc, bad, REASON.NonCompliantResult), "Unauthorized");
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: bad.map((b) => ({ who: addr(b), fineBps: FINE_BPS.detected })),
      goodDos: members(good, 1000n),
      goodMpcs: members(j.mpcs, 500n),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: false,
    });
    const { parties, participants } = partiesOf(w, j);
    await expectSettlement(w, j.job, parties, participants, expected, STATE.Failed, () =>
      reportFailure(w, j.job, w.gds, bad, REASON.NonCompliantResult),
    );
  });

  it("Vertical non-compliant MPC (draft scenario 6): QC refunded, MPC loses C, DOs get their promised fee", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 10);
    const mpcs = w.mpcs.slice(0, 1);
    const j = await dispatchedJob(
      w,
      { jobType: VERTICAL, dos, doPrices: TEN_DOS_AT_1000, mpcCount: 1, totalEpochs: 3 },
      mpcs,
      10n,
    );
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(mpcs[0]), fineBps: FINE_BPS.detected }],
      goodDos: members(dos, 1000n),
      goodMpcs: [],
      shares: DEFAULT_SHARES[VERTICAL],
      byAbort: false,
    });
    expect(expected.refunds.get(addr(w.qc))).to.equal(j.total);
    for (const d of dos) expect(expected.rewards.get(addr(d))).to.equal(1_000n);
    const participants = [...dos, ...mpcs].map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Failed,
      () => reportFailure(w, j.job, w.gds, mpcs, REASON.NonCompliantResult),
    );
  });

  it("a settled job cannot be settled again by any path", async () => {
    const w = await loadFixture(worldFixture);
    const j = await workedExampleJob(w);
    await reportFailure(w, j.job, w.gds, [j.dos[0]], REASON.NonCompliantResult);
    await expectRevert(
      reportFailure(w, j.job, w.gds, [j.dos[1]], REASON.NonCompliantResult),
      "JobMarketWrongState",
    );
    await expectRevert(
      w.market.write.settleAbort([j.job.id], { account: w.gds.account }),
      "JobMarketWrongState",
    );
    await expectRevert(
      w.market.write.cancelJob([j.job.id], { account: w.qc.account }),
      "JobMarketWrongState",
    );
  });
});
