// QC cancellation (SPEC §6.6) before and after dispatch, and order expiry (SPEC §4).
import hre from "hardhat";
import { expect } from "chai";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { expectRevert, receiptOf } from "./helpers/chain.cjs";
import { HORIZONTAL, Settlement, priceOf, settleCancelAfterDispatch } from "./helpers/oracle.cjs";
import {
  STATE,
  addr,
  assignMpcs,
  dispatchedJob,
  expectSettlement,
  placeOrder,
  submitQuery,
  type Job,
} from "./helpers/jobs.cjs";
import { worldFixture, type World } from "./helpers/world.cjs";

const DO_PRICES = [100n, 200n, 300n];

function cancel(w: World, job: Job, by = w.qc) {
  return receiptOf(w.market.write.cancelJob([job.id], { account: by.account }));
}

describe("scenarios: cancellation and expiry", () => {
  it("QC cancels before dispatch: everything it paid comes back, no fine, all collateral unlocked", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const mpcs = w.mpcs.slice(0, 2);
    const job = await placeOrder(w, {
      jobType: HORIZONTAL,
      dos,
      doPrices: DO_PRICES,
      mpcCount: 2,
      totalEpochs: 1,
      quote: 770n,
    });
    await assignMpcs(w, job, mpcs, 50n);
    await submitQuery(w, job, 700n); // not enough to dispatch
    expect(await w.market.read.cancellationFineOf([job.id])).to.equal(0n);
    const expected = new Settlement();
    expected.refund(addr(w.qc), 700n);
    const participants = [...dos, ...mpcs].map(addr);
    await expectSettlement(
      w,
      job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Cancelled,
      () => cancel(w, job),
    );
  });

  it("the GDS may cancel before dispatch; a stranger may not", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const job = await placeOrder(w, {
      jobType: HORIZONTAL,
      dos,
      doPrices: DO_PRICES,
      mpcCount: 2,
      totalEpochs: 1,
      quote: 770n,
    });
    await submitQuery(w, job, 123n);
    await expectRevert(cancel(w, job, w.stranger));
    const expected = new Settlement();
    expected.refund(addr(w.qc), 123n);
    const participants = dos.map(addr);
    await expectSettlement(
      w,
      job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Cancelled,
      () => cancel(w, job, w.gds),
    );
  });

  it("QC cancels after dispatch: 60 % of the total split by fee, the rest (incl. overpayment) back", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const mpcs = w.mpcs.slice(0, 2);
    const price = priceOf(HORIZONTAL, DO_PRICES, 1n, 2n, 50n, 1000n);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices: DO_PRICES, mpcCount: 2, totalEpochs: 1 },
      mpcs,
      50n,
      price.total + 30n,
    );
    // By hand: total 770, fine 462 = DOs 60 / 120 / 180, MPCs 30 each, GDS 42; QC gets 800 - 462 = 338.
    expect(await w.market.read.cancellationFineOf([j.job.id])).to.equal(462n);
    await expectRevert(cancel(w, j.job, w.gds), "JobMarketUnauthorized");
    await expectRevert(cancel(w, j.job, w.stranger));
    const expected = settleCancelAfterDispatch({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: price.total + 30n,
      price,
      dos: dos.map((d, i) => ({ who: addr(d), fee: price.doFees[i] })),
      mpcs: mpcs.map((m) => ({ who: addr(m), fee: price.mpcFee })),
    });
    expect(expected.refunds.get(addr(w.qc))).to.equal(338n);
    expect(expected.rewards.get(addr(w.gds))).to.equal(42n);
    const participants = [...dos, ...mpcs].map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Cancelled,
      () => cancel(w, j.job),
    );
  });

  it("cancellation dust goes to the GDS", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const mpcs = w.mpcs.slice(0, 1);
    const doPrices = [7n, 11n, 13n];
    const price = priceOf(HORIZONTAL, doPrices, 1n, 1n, 3n, 1000n);
    const j = await dispatchedJob(
      w,
      { jobType: HORIZONTAL, dos, doPrices, mpcCount: 1, totalEpochs: 1 },
      mpcs,
      3n,
    );
    const expected = settleCancelAfterDispatch({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: price.total,
      price,
      dos: dos.map((d, i) => ({ who: addr(d), fee: price.doFees[i] })),
      mpcs: mpcs.map((m) => ({ who: addr(m), fee: price.mpcFee })),
    });
    const participants = [...dos, ...mpcs].map(addr);
    await expectSettlement(
      w,
      j.job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Cancelled,
      () => cancel(w, j.job),
    );
  });

  it("an expired order is cancelled by anyone, only from block orderedAt + orderExpiryBlocks", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const mpcs = w.mpcs.slice(0, 2);
    const job = await placeOrder(w, {
      jobType: HORIZONTAL,
      dos,
      doPrices: DO_PRICES,
      mpcCount: 2,
      totalEpochs: 1,
      quote: 770n,
    });
    await assignMpcs(w, job, mpcs, 50n);
    await submitQuery(w, job, 500n);
    const view = await w.market.read.getJob([job.id]);
    const expiresAt = view.orderedAt + BigInt(view.params.orderExpiryBlocks);
    const client = await hre.viem.getPublicClient();
    // Put the next transaction in block expiresAt - 1: not expired yet.
    // Hardhat mines reverted transactions too: the first attempt lands in block expiresAt - 1.
    await mine(expiresAt - 2n - (await client.getBlockNumber()));
    await expectRevert(cancel(w, job, w.stranger), "JobMarketOrderNotExpired");
    expect(await client.getBlockNumber()).to.equal(expiresAt - 1n);
    await expectRevert(submitQuery(w, job, 270n), "JobMarketOrderExpired");
    const expected = new Settlement();
    expected.refund(addr(w.qc), 500n);
    const participants = [...dos, ...mpcs].map(addr);
    await expectSettlement(
      w,
      job,
      [...participants, addr(w.qc), addr(w.gds), addr(w.stranger)],
      participants,
      expected,
      STATE.Cancelled,
      () => cancel(w, job, w.stranger),
    );
  });
});
