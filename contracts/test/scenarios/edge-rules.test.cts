// The finer rules of SPEC §5–6, each pinned to the wei or to the block: timeout boundaries, frozen
// liveness after a Failed report, completed parts that cannot time out, the abort-block snapshot of
// offenders, compensation shrunk in proportion, and the all-offenders refund to the QC.
import hre from "hardhat";
import { expect } from "chai";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { expectRevert, receiptOf } from "./helpers/chain.cjs";
import {
  DEFAULT_SHARES,
  FINE_BPS,
  HORIZONTAL,
  VERTICAL,
  settleFailure,
  type Member,
} from "./helpers/oracle.cjs";
import {
  REASON,
  STATE,
  STATUS,
  TASK,
  addr,
  completeEpochs,
  dispatchedJob,
  expectSettlement,
  finishPart,
  heartbeatAll,
  placeOrder,
  timeOutAllBut,
  update,
  type Job,
} from "./helpers/jobs.cjs";
import { worldFixture, type Wallet, type World } from "./helpers/world.cjs";

const members = (wallets: Wallet[], fees: bigint[]): Member[] =>
  wallets.map((x, i) => ({ who: addr(x), fee: fees[i] }));

async function blockNumber(): Promise<bigint> {
  return (await hre.viem.getPublicClient()).getBlockNumber();
}

async function reportTimeout(w: World, job: Job, offenders: Wallet[]) {
  return receiptOf(
    w.market.write.reportFailure([job.id, offenders.map((o) => o.account.address), REASON.HeartbeatTimeout], {
      account: w.stranger.account,
    }),
  );
}

describe("scenarios: edge rules (SPEC §5–6)", () => {
  it("a timeout holds from block lastSeen + timeoutBlocks + 1, not before", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 2);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: [10n, 10n], mpcCount: 1, totalEpochs: 1 },
      [w.mpcs[0]],
      1n,
    );
    const seen = await update(w, j.job, dos[0], {
      taskType: TASK.Training,
      epoch: 0,
      batch: 0,
      status: STATUS.InProgress,
    });
    const lastSeen = seen.blockNumber;
    const timeout = BigInt((await w.market.read.getJob([j.job.id])).params.timeoutBlocks);
    // Keep everyone else alive well past the boundary.
    await mine(timeout / 2n);
    await heartbeatAll(w, [dos[1], w.mpcs[0]]);
    // The next transaction lands in block lastSeen + timeout: not timed out yet.
    await mine(lastSeen + timeout - 1n - (await blockNumber()));
    await expectRevert(reportTimeout(w, j.job, [dos[0]]), "JobMarketNotTimedOut");
    expect(await blockNumber()).to.equal(lastSeen + timeout); // Hardhat mined the reverted attempt
    expect(await w.market.read.isTimedOut([j.job.id, dos[0].account.address])).to.equal(false);
    await mine(1);
    expect(await w.market.read.isTimedOut([j.job.id, dos[0].account.address])).to.equal(true);
    const r = await reportTimeout(w, j.job, [dos[0]]);
    expect(r.blockNumber).to.equal(lastSeen + timeout + 2n);
  });

  it("after reporting Failed, an MPC's liveness in the job freezes: heartbeats no longer save it", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 2);
    const mpcs = w.mpcs.slice(0, 2);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: [10n, 10n], mpcCount: 2, totalEpochs: 1 },
      mpcs,
      1n,
    );
    // Horizontal: an MPC's Failed is a replacement request; the GDS does not act on it.
    await update(w, j.job, mpcs[1], {
      taskType: TASK.Aggregation,
      epoch: 0,
      batch: 0,
      status: STATUS.Failed,
    });
    await timeOutAllBut(w, [...dos, ...mpcs]); // mpcs[1] heartbeats too
    expect(await w.market.read.isTimedOut([j.job.id, mpcs[1].account.address])).to.equal(true);
    expect(await w.market.read.isTimedOut([j.job.id, mpcs[0].account.address])).to.equal(false);
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(mpcs[1]), fineBps: FINE_BPS.detected }],
      goodDos: members(dos, [10n, 10n]),
      goodMpcs: members([mpcs[0]], [1n]),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: false,
    });
    const participants = [...dos, ...mpcs].map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Failed,
      () => reportTimeout(w, j.job, [mpcs[1]]),
    );
  });

  it("a DO that completed its part cannot time out and is paid in full when another DO times out", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const prices = [30n, 50n, 70n];
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: prices, mpcCount: 1, totalEpochs: 1 },
      [w.mpcs[0]],
      9n,
    );
    await completeEpochs(w, j.job, dos[0], 1);
    await finishPart(w, j.job, dos[0]); // then silent for ever
    await timeOutAllBut(w, [dos[1], w.mpcs[0]]);
    expect(await w.market.read.isTimedOut([j.job.id, dos[0].account.address])).to.equal(false);
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(dos[2]), fineBps: FINE_BPS.detected }],
      goodDos: members(dos.slice(0, 2), prices.slice(0, 2)),
      goodMpcs: members([w.mpcs[0]], [9n]),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: false,
    });
    const participants = [...dos, w.mpcs[0]].map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Failed,
      () => reportTimeout(w, j.job, [dos[2]]),
    );
  });

  it("settleAbort fines who was timed out at the abort block, not who went quiet after it", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 4);
    const prices = [100n, 100n, 100n, 100n];
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: prices, mpcCount: 1, totalEpochs: 2 },
      [w.mpcs[0]],
      20n,
    );
    for (const d of dos.slice(0, 3)) await completeEpochs(w, j.job, d, 1);
    const silent = dos[3]; // never heard of: timed out by the time dos[0] fails
    await timeOutAllBut(w, [...dos.slice(0, 3), w.mpcs[0]]);
    await update(w, j.job, dos[0], { taskType: TASK.Training, epoch: 1, batch: 0, status: STATUS.Failed });
    // Everyone stops as told; by the settling block all are "timed out", but only `silent` was at the abort.
    const grace = BigInt((await w.market.read.getJob([j.job.id])).params.abortGraceBlocks);
    const timeout = BigInt((await w.market.read.getJob([j.job.id])).params.timeoutBlocks);
    await mine(timeout + grace + 1n);
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [
        { who: addr(dos[0]), fineBps: FINE_BPS.selfReport },
        { who: addr(silent), fineBps: FINE_BPS.detected },
      ],
      goodDos: [dos[1], dos[2]].map((d) => ({ who: addr(d), fee: 100n, completedEpochs: 1n })),
      goodMpcs: members([w.mpcs[0]], [20n]),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: true,
      totalEpochs: 2n,
    });
    const participants = [...dos, w.mpcs[0]].map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, addr(w.qc), addr(w.gds), addr(w.stranger)],
      participants,
      expected,
      STATE.Failed,
      () => receiptOf(w.market.write.settleAbort([j.job.id], { account: w.stranger.account })),
    );
  });

  it("a participant timed out at the abort block is fined even if it heartbeats after the abort", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const prices = [100n, 100n, 100n];
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: prices, mpcCount: 1, totalEpochs: 2 },
      [w.mpcs[0]],
      20n,
    );
    const late = dos[2];
    await timeOutAllBut(w, [dos[0], dos[1], w.mpcs[0]]);
    expect(await w.market.read.isTimedOut([j.job.id, late.account.address])).to.equal(true);
    await update(w, j.job, dos[0], { taskType: TASK.Training, epoch: 0, batch: 0, status: STATUS.Failed });
    // Too late: it was timed out when the failure was reported (SPEC §6.1: offenders are taken "at the
    // abort block"; "a timed-out participant is never paid as a good one").
    await heartbeatAll(w, [late]);
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [
        { who: addr(dos[0]), fineBps: FINE_BPS.selfReport },
        { who: addr(late), fineBps: FINE_BPS.detected },
      ],
      goodDos: [{ who: addr(dos[1]), fee: 100n, completedEpochs: 0n }],
      goodMpcs: members([w.mpcs[0]], [20n]),
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: true,
      totalEpochs: 2n,
    });
    const participants = [...dos, w.mpcs[0]].map(addr);
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

  it("compensation larger than the fine pool shrinks in proportion, its dust to the GDS", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const prices = [7n, 11n, 13n];
    const j = await dispatchedJob(
      w,
      { jobType: VERTICAL, dos, doPrices: prices, mpcCount: 1, totalEpochs: 2 },
      [w.mpcs[0]],
      1n,
    );
    for (const p of [...dos, w.mpcs[0]]) await finishPart(w, j.job, p, TASK.PSI);
    for (const d of dos) {
      await completeEpochs(w, j.job, d, 2);
      await finishPart(w, j.job, d);
    }
    // The DOs are done (owed their full fee, 31 in all); the MPC fails: pool = 80 % of 31 = 24.
    await update(w, j.job, w.mpcs[0], { taskType: TASK.Training, epoch: 0, batch: 0, status: STATUS.Failed });
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(w.mpcs[0]), fineBps: FINE_BPS.selfReport }],
      goodDos: dos.map((d, i) => ({ who: addr(d), fee: prices[i], completedEpochs: 2n })),
      goodMpcs: [],
      shares: DEFAULT_SHARES[VERTICAL],
      byAbort: true,
      totalEpochs: 2n,
    });
    // By hand: 24 * 7 / 31 = 5, 24 * 11 / 31 = 8, 24 * 13 / 31 = 10; dust 1 to the GDS.
    expect([
      ...dos.map((d) => expected.rewards.get(addr(d))),
      expected.rewards.get(addr(w.gds)),
    ]).to.deep.equal([5n, 8n, 10n, 1n]);
    const participants = [...dos, w.mpcs[0]].map(addr);
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

  it("when no DO and no MPC is good, the whole fine pool goes back to the QC, not to the GDS", async () => {
    const w = await loadFixture(worldFixture);
    const dos = [w.dos[0]];
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: [41n], mpcCount: 1, totalEpochs: 1 },
      [w.mpcs[0]],
      3n,
    );
    await timeOutAllBut(w, []);
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [dos[0], w.mpcs[0]].map((o) => ({ who: addr(o), fineBps: FINE_BPS.detected })),
      goodDos: [],
      goodMpcs: [],
      shares: DEFAULT_SHARES[HORIZONTAL],
      byAbort: false,
    });
    // By hand: C = 41, k = 2: fines 20 each; the QC gets its 48 back plus 40.
    expect(expected.refunds.get(addr(w.qc))).to.equal(j.total + 40n);
    expect(expected.rewards.size).to.equal(0);
    const participants = [...dos, w.mpcs[0]].map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Failed,
      () => reportTimeout(w, j.job, [dos[0]]),
    );
  });
});

describe("scenarios: parameters and re-assignment (SPEC §4, §7)", () => {
  it("a job keeps the parameters it snapshotted at placeOrder when the admin changes them", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 2);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: [100n, 100n], mpcCount: 1, totalEpochs: 1 },
      [w.mpcs[0]],
      10n,
    );
    const snapshot = (await w.market.read.getJob([j.job.id])).params;
    const before = await w.market.read.parameters();
    await receiptOf(
      w.market.write.setParameters(
        [
          {
            ...before,
            timeoutBlocks: 5,
            detectedFineBps: 5000,
            horizontalShares: [0, 5000, 5000],
          },
        ],
        { account: w.admin.account },
      ),
    );
    expect((await w.market.read.getJob([j.job.id])).params).to.deep.equal(snapshot);
    // 5 blocks later the new timeout would hold; the job's own (3600) does not.
    await mine(10);
    expect(await w.market.read.isTimedOut([j.job.id, dos[1].account.address])).to.equal(false);
    await timeOutAllBut(w, [dos[0], w.mpcs[0]], j.job);
    const expected = settleFailure({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: j.total,
      collateral: j.collateral,
      offenders: [{ who: addr(dos[1]), fineBps: FINE_BPS.detected }], // the snapshotted 100 %, not 50 %
      goodDos: members([dos[0]], [100n]),
      goodMpcs: members([w.mpcs[0]], [10n]),
      shares: DEFAULT_SHARES[HORIZONTAL], // the snapshotted shares
      byAbort: false,
    });
    const participants = [...dos, w.mpcs[0]].map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Failed,
      () => reportTimeout(w, j.job, [dos[1]]),
    );
  });

  it("re-assigning MPCs before dispatch releases the old ones' collateral and locks the new ones'", async () => {
    const w = await loadFixture(worldFixture);
    const job = await placeOrderFor(w);
    await receiptOf(
      w.market.write.assignMpcs([job.id, [w.mpcs[0].account.address, w.mpcs[1].account.address], 5n], {
        account: w.gds.account,
      }),
    );
    const collateral = await w.market.read.collateralOf([job.id]);
    await expectRevert(
      w.market.write.assignMpcs([job.id, [w.mpcs[2].account.address], 5n], { account: w.gds.account }),
      "JobMarketParticipantCount",
    );
    await receiptOf(
      w.market.write.assignMpcs([job.id, [w.mpcs[1].account.address, w.mpcs[2].account.address], 6n], {
        account: w.gds.account,
      }),
    );
    const locked = async (x: Wallet) => (await w.market.read.stakeOf([x.account.address]))[1];
    expect(await locked(w.mpcs[0])).to.equal(0n);
    expect(await locked(w.mpcs[1])).to.equal(collateral);
    expect(await locked(w.mpcs[2])).to.equal(collateral);
    const [, , current] = await w.market.read.getParticipants([job.id]);
    expect(current.map((a) => a.toLowerCase())).to.deep.equal([addr(w.mpcs[1]), addr(w.mpcs[2])]);
  });
});

async function placeOrderFor(w: World): Promise<Job> {
  return placeOrder(w, {
    jobType: HORIZONTAL,
    dos: w.dos.slice(0, 2),
    doPrices: [100n, 100n],
    mpcCount: 2,
    totalEpochs: 1,
  });
}
