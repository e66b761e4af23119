// Happy paths (SPEC §3–4): Horizontal and Vertical jobs run to completion and every party is paid to
// the wei; QC top-ups and overpayment refunds; the quote binds the GDS (consent rule).
import { expect } from "chai";
import { parseEventLogs, type TransactionReceipt } from "viem";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expectRevert } from "./helpers/chain.cjs";
import { HORIZONTAL, VERTICAL, priceOf, settleHappy } from "./helpers/oracle.cjs";
import {
  ALL,
  STATE,
  STATUS,
  TASK,
  addr,
  assignMpcs,
  completeEpochs,
  expectSettlement,
  finishPart,
  placeOrder,
  submitQuery,
  update,
} from "./helpers/jobs.cjs";
import { worldFixture, type Wallet, type World } from "./helpers/world.cjs";

/** Exactly one JobDispatched(id, jobType, dos, mpcs) in the transaction that completed the pair. */
function expectDispatched(
  w: World,
  receipt: TransactionReceipt,
  jobType: number,
  dos: Wallet[],
  mpcs: Wallet[],
) {
  const events = parseEventLogs({ abi: w.market.abi, logs: receipt.logs, eventName: "JobDispatched" });
  expect(events).to.have.length(1);
  expect(events[0].args.jobType).to.equal(jobType);
  expect(events[0].args.dos.map((a) => a.toLowerCase())).to.deep.equal(dos.map(addr));
  expect(events[0].args.mpcs.map((a) => a.toLowerCase())).to.deep.equal(mpcs.map(addr));
}

describe("scenarios: happy paths", () => {
  it("Horizontal: 3 DOs, factor 2, 2 MPCs, overpayment refunded, every wei accounted", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 3);
    const mpcs = w.mpcs.slice(0, 2);
    const doPrices = [100n, 200n, 300n];
    const price = priceOf(HORIZONTAL, doPrices, 2n, 2n, 50n, 1000n);
    // By hand: DO fees 200 + 400 + 600 = 1200 = C; MPC fee 50 each; GDS 10 % of 1300 = 130; total 1430.
    expect(price.total).to.equal(1430n);

    const job = await placeOrder(w, {
      jobType: HORIZONTAL,
      dos,
      doPrices,
      factor: 2n,
      mpcCount: 2,
      totalEpochs: 2,
      quote: price.total,
    });
    await assignMpcs(w, job, mpcs, 50n);
    const view = await w.market.read.getJob([job.id]);
    expect(view.totalPrice).to.equal(price.total);
    expect(view.collateral).to.equal(price.collateral);
    expect(view.state).to.equal(STATE.Ordered);

    const paying = await submitQuery(w, job, price.total + 70n); // 70 wei too much: refunded at settlement
    expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Dispatched);
    expectDispatched(w, paying, HORIZONTAL, dos, mpcs);

    for (const m of mpcs) {
      await update(w, job, m, { taskType: TASK.Aggregation, epoch: 0, batch: 0, status: STATUS.InProgress });
    }
    for (const d of dos) await completeEpochs(w, job, d, 2);
    // A Horizontal DO may not report Aggregation, a Horizontal MPC may not report Training.
    await expectRevert(
      update(w, job, dos[0], { taskType: TASK.Aggregation, epoch: 0, batch: 0, status: STATUS.InProgress }),
      "JobMarketInvalidTaskType",
    );
    await expectRevert(
      update(w, job, mpcs[0], { taskType: TASK.Training, epoch: 0, batch: 0, status: STATUS.InProgress }),
      "JobMarketInvalidTaskType",
    );
    await finishPart(w, job, dos[0]);
    await finishPart(w, job, dos[1]);
    expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Dispatched);

    const expected = settleHappy({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: price.total + 70n,
      price,
      dos: dos.map((d, i) => ({ who: addr(d), fee: price.doFees[i] })),
      mpcs: mpcs.map((m) => ({ who: addr(m), fee: price.mpcFee })),
    });
    const participants = [...dos, ...mpcs].map(addr);
    await expectSettlement(
      w,
      job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Completed,
      () => finishPart(w, job, dos[2]),
    );
    expect(await w.market.read.balanceOf([w.qc.account.address])).to.equal(70n);
    expect(await w.market.read.balanceOf([w.gds.account.address])).to.equal(130n);
  });

  it("Vertical: PSI stage then Training; completes when the MPC finishes; MPC fee = m * N * F", async () => {
    const w = await loadFixture(worldFixture);
    const dos = w.dos.slice(0, 2);
    const mpcs = w.mpcs.slice(0, 1);
    const doPrices = [100n, 300n];
    const price = priceOf(VERTICAL, doPrices, 1n, 1n, 10n, 1000n);
    // By hand: DO fees 400 = C; MPC fee 10 * 2 DOs * 1 = 20; GDS 42; total 462.
    expect(price.total).to.equal(462n);
    const job = await placeOrder(w, {
      jobType: VERTICAL,
      dos,
      doPrices,
      mpcCount: 1,
      totalEpochs: 3,
      quote: price.total,
    });
    await submitQuery(w, job, price.total);
    const assigning = await assignMpcs(w, job, mpcs, 10n); // the pair completes here: dispatch inside assignMpcs
    expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Dispatched);
    expectDispatched(w, assigning, VERTICAL, dos, mpcs);

    const everyone = [...dos, ...mpcs];
    // Training before the PSI stage is over is refused; Aggregation is never a Vertical task.
    await expectRevert(
      update(w, job, dos[0], { taskType: TASK.Training, epoch: 0, batch: 0, status: STATUS.Started }),
      "JobMarketPsiNotComplete",
    );
    await expectRevert(
      update(w, job, mpcs[0], { taskType: TASK.Aggregation, epoch: 0, batch: 0, status: STATUS.Started }),
      "JobMarketInvalidTaskType",
    );
    for (const p of everyone) {
      // PSI levels are not bounded by totalEpochs.
      await update(w, job, p, { taskType: TASK.PSI, epoch: 0, batch: ALL, status: STATUS.Completed });
      await update(w, job, p, { taskType: TASK.PSI, epoch: 5, batch: ALL, status: STATUS.Completed });
      await finishPart(w, job, p, TASK.PSI);
    }
    for (const p of everyone) await completeEpochs(w, job, p, 3);
    // epoch must be < totalEpochs or ALL; ALL epoch needs ALL batch; progress never goes backwards.
    await expectRevert(
      update(w, job, dos[0], { taskType: TASK.Training, epoch: 3, batch: 0, status: STATUS.Started }),
      "JobMarketEpochOutOfRange",
    );
    await expectRevert(
      update(w, job, dos[0], { taskType: TASK.Training, epoch: ALL, batch: 0, status: STATUS.Completed }),
      "JobMarketInvalidBatch",
    );
    await expectRevert(
      update(w, job, dos[0], { taskType: TASK.Training, epoch: 1, batch: 0, status: STATUS.InProgress }),
      "JobMarketProgressRegressed",
    );
    // Repeating the latest report is allowed (the draft has DOs redo a batch).
    await update(w, job, dos[0], { taskType: TASK.Training, epoch: 2, batch: ALL, status: STATUS.Completed });
    for (const d of dos) await finishPart(w, job, d);
    expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Dispatched);
    await expectRevert(finishPart(w, job, dos[0]), "JobMarketParticipantFinished");

    const expected = settleHappy({
      qc: addr(w.qc),
      gds: addr(w.gds),
      paid: price.total,
      price,
      dos: dos.map((d, i) => ({ who: addr(d), fee: price.doFees[i] })),
      mpcs: mpcs.map((m) => ({ who: addr(m), fee: price.mpcFee })),
    });
    const participants = everyone.map(addr);
    await expectSettlement(
      w,
      job,
      [...participants, addr(w.qc), addr(w.gds)],
      participants,
      expected,
      STATE.Completed,
      () => finishPart(w, job, mpcs[0]),
    );
  });

  it("QC top-up: the job dispatches only once the QC has paid the total", async () => {
    const w = await loadFixture(worldFixture);
    const doPrices = [100n, 100n];
    const price = priceOf(HORIZONTAL, doPrices, 1n, 1n, 10n, 1000n);
    const job = await placeOrder(w, {
      jobType: HORIZONTAL,
      dos: w.dos.slice(0, 2),
      doPrices,
      mpcCount: 1,
      totalEpochs: 1,
      quote: price.total,
    });
    await assignMpcs(w, job, w.mpcs.slice(0, 1), 10n);
    await expectRevert(
      w.market.write.submitQuery([job.id], { account: w.stranger.account, value: 1n }),
      "JobMarketNotQc",
    );
    await submitQuery(w, job, price.total - 1n);
    expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Ordered);
    await submitQuery(w, job, 1n);
    const view = await w.market.read.getJob([job.id]);
    expect(view.state).to.equal(STATE.Dispatched);
    expect(view.paid).to.equal(price.total);
    await expectRevert(submitQuery(w, job, 1n), "JobMarketWrongState");
  });

  describe("the quote binds the GDS (SPEC §3 consent rule)", () => {
    async function orderedAboveQuote() {
      const w = await loadFixture(worldFixture);
      const doPrices = [100n, 100n];
      const quoted = priceOf(HORIZONTAL, doPrices, 1n, 1n, 10n, 1000n);
      const assigned = priceOf(HORIZONTAL, doPrices, 1n, 1n, 50n, 1000n);
      expect(assigned.total > quoted.total).to.equal(true);
      const job = await placeOrder(w, {
        jobType: HORIZONTAL,
        dos: w.dos.slice(0, 2),
        doPrices,
        mpcCount: 1,
        totalEpochs: 1,
        quote: quoted.total,
      });
      return { w, job, quoted, assigned };
    }

    it("money paid before an above-quote assignment does not dispatch; a later zero-value submit consents", async () => {
      const { w, job, assigned } = await orderedAboveQuote();
      await submitQuery(w, job, assigned.total + 5n); // pays more than enough, before the price is known
      await assignMpcs(w, job, w.mpcs.slice(0, 1), 50n);
      let view = await w.market.read.getJob([job.id]);
      expect(view.state).to.equal(STATE.Ordered);
      expect(view.consentNeeded).to.equal(true);
      await submitQuery(w, job, 0n);
      view = await w.market.read.getJob([job.id]);
      expect(view.state).to.equal(STATE.Dispatched);
      expect(view.consentNeeded).to.equal(false);
    });

    it("a payment made after the above-quote assignment is the consent and dispatches", async () => {
      const { w, job, assigned } = await orderedAboveQuote();
      await assignMpcs(w, job, w.mpcs.slice(0, 1), 50n);
      await submitQuery(w, job, assigned.total);
      expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Dispatched);
    });

    it("an assignment within the quote dispatches on money paid before it", async () => {
      const { w, job, quoted } = await orderedAboveQuote();
      await submitQuery(w, job, quoted.total);
      await assignMpcs(w, job, w.mpcs.slice(0, 1), 10n);
      expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Dispatched);
    });

    it("a re-assignment above the quote needs a new consent, even when the money already covers it", async () => {
      const { w, job, quoted } = await orderedAboveQuote();
      const doPrices = [100n, 100n];
      const high = priceOf(HORIZONTAL, doPrices, 1n, 1n, 90n, 1000n);
      const lower = priceOf(HORIZONTAL, doPrices, 1n, 1n, 30n, 1000n);
      // quote < lower < paid < high (by hand: 231 < 253 < 260 < 319)
      expect(quoted.total < lower.total && lower.total < 260n && 260n < high.total).to.equal(true);
      await assignMpcs(w, job, w.mpcs.slice(0, 1), 90n);
      await submitQuery(w, job, 260n); // consents to `high` but cannot cover it
      expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Ordered);
      await assignMpcs(w, job, w.mpcs.slice(1, 2), 30n); // still above the quote: a new price
      let view = await w.market.read.getJob([job.id]);
      expect(view.totalPrice).to.equal(lower.total);
      expect(view.state).to.equal(STATE.Ordered);
      expect(view.consentNeeded).to.equal(true);
      await submitQuery(w, job, 0n);
      view = await w.market.read.getJob([job.id]);
      expect(view.state).to.equal(STATE.Dispatched);
      expect(view.paid).to.equal(260n);
    });

    it("a re-assignment back within the quote dispatches on the money already paid", async () => {
      const { w, job, quoted } = await orderedAboveQuote();
      await assignMpcs(w, job, w.mpcs.slice(0, 1), 90n);
      await submitQuery(w, job, quoted.total); // too little for the higher price
      expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Ordered);
      await assignMpcs(w, job, w.mpcs.slice(1, 2), 10n); // back to the quoted price
      expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Dispatched);
    });
  });
});
