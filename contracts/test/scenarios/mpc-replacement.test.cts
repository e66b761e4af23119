// MPC replacement (SPEC §6.7 and the Horizontal exception of §6.5): up to maxMpcReplacements, each
// replaced MPC released without reward, each new one locking C; the job still completes and pays.
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { parseEventLogs } from "viem";
import { expectRevert, receiptOf } from "./helpers/chain.cjs";
import { HORIZONTAL, priceOf, settleHappy } from "./helpers/oracle.cjs";
import {
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
import { NODE_STAKE, worldFixture, type Wallet, type World } from "./helpers/world.cjs";

const DO_PRICES = [100n, 150n];

async function replace(w: World, job: Job, oldMpc: Wallet, newMpc: Wallet) {
  return receiptOf(
    w.market.write.replaceMpc([job.id, oldMpc.account.address, newMpc.account.address], {
      account: w.gds.account,
    }),
  );
}

async function request(w: World, job: Job, by: Wallet, mpc: Wallet) {
  return receiptOf(
    w.market.write.requestMpcReplacement([job.id, mpc.account.address], { account: by.account }),
  );
}

async function stakeOf(w: World, who: Wallet) {
  const [free, locked] = await w.market.read.stakeOf([who.account.address]);
  return { free, locked };
}

describe("scenarios: MPC replacement", () => {
  it("replaces up to maxMpcReplacements, refuses past it; replaced MPCs get nothing, the last one is paid", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 2);
    const price = priceOf(HORIZONTAL, DO_PRICES, 1n, 1n, 20n, 1000n);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: DO_PRICES, mpcCount: 1, totalEpochs: 1 },
      [w.mpcs[0]],
      20n,
    );
    const max = Number((await w.market.read.getJob([j.job.id])).params.maxMpcReplacements);
    expect(max).to.equal(3);

    // No request, no Failed report, no timeout: not replaceable. Strangers may neither ask nor replace.
    await expectRevert(replace(w, j.job, w.mpcs[0], w.mpcs[1]), "JobMarketReplacementNotAllowed");
    await expectRevert(request(w, j.job, w.stranger, w.mpcs[0]), "JobMarketNotParticipant");
    await request(w, j.job, dos[0], w.mpcs[0]);
    await expectRevert(
      w.market.write.replaceMpc([j.job.id, w.mpcs[0].account.address, w.mpcs[1].account.address], {
        account: w.stranger.account,
      }),
      "Unauthorized",
    );

    for (let i = 0; i < max; i++) {
      const [oldMpc, newMpc] = [w.mpcs[i], w.mpcs[i + 1]];
      if (i > 0) {
        const r = await request(w, j.job, dos[i % 2], oldMpc);
        const logs = parseEventLogs({
          abi: w.market.abi,
          logs: r.logs,
          eventName: "MpcReplacementRequested",
        });
        expect(logs[0].args.mpc.toLowerCase()).to.equal(addr(oldMpc));
      }
      const r = await replace(w, j.job, oldMpc, newMpc);
      const replaced = parseEventLogs({ abi: w.market.abi, logs: r.logs, eventName: "MpcReplaced" });
      expect(replaced[0].args.replacements).to.equal(i + 1);
      expect(await stakeOf(w, oldMpc)).to.deep.equal({ free: NODE_STAKE, locked: 0n });
      expect(await stakeOf(w, newMpc)).to.deep.equal({
        free: NODE_STAKE - j.collateral,
        locked: j.collateral,
      });
      const [, , current] = await w.market.read.getParticipants([j.job.id]);
      expect(current.map((a) => a.toLowerCase())).to.deep.equal([addr(newMpc)]);
    }
    const last = w.mpcs[max];
    await request(w, j.job, dos[0], last);
    await expectRevert(replace(w, j.job, last, w.mpcs[max + 1]), "JobMarketReplacementLimit");

    // The job still completes: the current MPC is paid; replaced ones get nothing.
    for (const d of dos) await completeEpochs(w, j.job, d, 1);
    await finishPart(w, j.job, dos[0]);
    const expected = settleHappy({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: price.total,
      price,
      dos: dos.map((d, i) => ({ who: addr(d), fee: price.doFees[i] })),
      mpcs: [{ who: addr(last), fee: price.mpcFee }],
    });
    const participants = [...dos, last].map(addr);
    const replacedMpcs = w.mpcs.slice(0, max).map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, ...replacedMpcs, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Completed,
      () => finishPart(w, j.job, dos[1]),
    );
  });

  it("Horizontal: an MPC reporting Failed is a replacement request, not an abort, and is not fined", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 2);
    const mpcs = w.mpcs.slice(0, 2);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: DO_PRICES, mpcCount: 2, totalEpochs: 1 },
      mpcs,
      20n,
    );
    const r = await update(w, j.job, mpcs[1], {
      taskType: TASK.Aggregation,
      epoch: 0,
      batch: 3,
      status: STATUS.Failed,
    });
    expect(parseEventLogs({ abi: w.market.abi, logs: r.logs, eventName: "JobAborting" })).to.have.length(0);
    expect((await w.market.read.getJob([j.job.id])).state).to.equal(STATE.Dispatched);
    await replace(w, j.job, mpcs[1], w.mpcs[2]);
    expect(await stakeOf(w, mpcs[1])).to.deep.equal({ free: NODE_STAKE, locked: 0n });
    // The new MPC starts its own progress afresh and may report from epoch 0 again.
    await update(w, j.job, w.mpcs[2], {
      taskType: TASK.Aggregation,
      epoch: 0,
      batch: 0,
      status: STATUS.InProgress,
    });
  });

  it("a timed-out MPC may be replaced without any request", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 2);
    const mpcs = w.mpcs.slice(0, 2);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: DO_PRICES, mpcCount: 2, totalEpochs: 1 },
      mpcs,
      20n,
    );
    await timeOutAllBut(w, [...dos, mpcs[0]]);
    await replace(w, j.job, mpcs[1], w.mpcs[2]);
    expect((await stakeOf(w, w.mpcs[2])).locked).to.equal(j.collateral);
  });

  it("the new MPC must have C free", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 2);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: DO_PRICES, mpcCount: 1, totalEpochs: 1 },
      [w.mpcs[0]],
      20n,
    );
    const poor = w.mpcs[1];
    await receiptOf(w.market.write.withdraw([NODE_STAKE - j.collateral + 1n], { account: poor.account }));
    await request(w, j.job, dos[0], w.mpcs[0]);
    await expectRevert(replace(w, j.job, w.mpcs[0], poor), "JobMarketInsufficientFreeStake");
  });
});
