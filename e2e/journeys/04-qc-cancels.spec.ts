// Journey 4: the QC cancels, before and after dispatch, and the fine it was shown is what happened.
import type { Page } from "@playwright/test";
import { parseEther } from "viem";
import { cast, JOB_STATE, JOB_TYPE } from "./support/constants.ts";
import { cancellationAfterDispatch, priceOf } from "./support/spec-rules.ts";
import { expect, test } from "./support/test.ts";
import { coin, goTo, jobCard, openApp } from "./support/ui.ts";

const qc = cast.qcs[0]!;
const mpc = cast.mpcs[2]!;
const mpcPrice = parseEther("0.05");
const terms = {
  jobType: JOB_TYPE.horizontal,
  qc,
  dos: [cast.dos[0]!, cast.dos[1]!],
  doPrices: [parseEther("0.1"), parseEther("0.25")],
  factor: 2,
  mpcCount: 1,
  totalEpochs: 2,
};

test.use({ walletAccount: qc });

const settledRow = (page: Page, id: string) =>
  page.getByRole("region", { name: /Settled jobs/ }).getByTestId(`job-row-${id}`);

test.describe("journey 4: the QC cancels", () => {
  test("before dispatch: no fine is shown, none is taken, everything paid comes back", async ({
    page,
    jw,
    market,
  }) => {
    const id = await market.placeOrder(cast.gds, terms, mpcPrice);
    const quote = (await market.job(id)).quote;
    await market.pay(qc, id, quote);
    const balanceBefore = await market.balance(qc);
    const lockedBefore = await Promise.all(terms.dos.map(async (d) => (await market.node(d)).locked));

    await openApp(page, jw);
    await goTo(page, "QC");
    const card = jobCard(page, id);
    await expect(card.getByTestId(`paid-${id}`)).toHaveText(coin(quote));
    await expect(card.getByTestId(`cancel-fine-${id}`)).toHaveText(coin(0n));
    await card.getByTestId(`cancel-button-${id}`).click();
    const question = card.getByRole("alertdialog", { name: "Cancel job" });
    await expect(question).toContainText(`It costs ${coin(0n)} and returns ${coin(quote)}`);
    await question.getByRole("button", { name: "Yes, cancel job" }).click();
    // Once the block is in, the job leaves the open jobs for the settled ones.
    await expect(settledRow(page, id)).toContainText("Cancelled");

    // On chain: cancelled, full refund, no fine, no reward, the DOs' collateral unlocked.
    const job = await market.job(id);
    expect(job.state).toBe(JOB_STATE.cancelled);
    const settled = await market.settlement(id);
    expect(settled.refundOf(qc)).toBe(quote);
    expect(settled.rewards.size).toBe(0);
    expect(settled.fines.size).toBe(0);
    expect(await market.balance(qc)).toBe(balanceBefore + quote);
    const C = terms.doPrices.reduce((sum, p) => sum + p * BigInt(terms.factor), 0n);
    expect(job.collateral).toBe(C);
    for (const [i, d] of terms.dos.entries())
      expect((await market.node(d)).locked).toBe(lockedBefore[i]! - C);

    // On screen: the balance, the refund, the job among the settled ones.
    await expect(page.getByTestId("balance-withdrawable")).toHaveText(coin(balanceBefore + quote));
    await expect(page.getByTestId(`refund-${id}`)).toContainText(coin(quote));
  });

  test("after dispatch: the previewed 60 % fine is taken and shared by fee; the rest comes back", async ({
    page,
    jw,
    market,
  }) => {
    const params = await market.parameters();
    const price = priceOf(
      terms.jobType,
      terms.doPrices,
      BigInt(terms.factor),
      BigInt(terms.mpcCount),
      mpcPrice,
      BigInt(params.gdsFeeBps),
    );
    const id = await market.dispatchedJob(cast.gds, terms, [mpc], mpcPrice);
    const job = await market.job(id);
    expect(job.state).toBe(JOB_STATE.dispatched);
    expect(job.totalPrice).toBe(price.total);
    // SPEC §6.6 with the default cancelFineBps (the job snapshotted it).
    expect(job.params.cancelFineBps).toBe(6000);
    const members = [
      ...terms.dos.map((who, i) => ({ who, fee: price.doFees[i]! })),
      { who: mpc, fee: price.mpcFee },
    ];
    const expected = cancellationAfterDispatch({
      qc,
      gds: cast.gds,
      paid: price.total,
      price,
      members,
      cancelFineBps: 6000n,
    });
    const fine = (price.total * 6000n) / 10_000n;
    const everyone = [qc, cast.gds, ...members.map((m) => m.who)];
    const before = await market.balances(everyone);

    await openApp(page, jw);
    await goTo(page, "QC");
    const card = jobCard(page, id);
    await expect(card).toContainText("Dispatched");
    await expect(card.getByTestId(`cancel-fine-${id}`)).toHaveText(coin(fine));
    await card.getByTestId(`cancel-button-${id}`).click();
    const question = card.getByRole("alertdialog", { name: "Cancel job" });
    await expect(question).toContainText(`It costs ${coin(fine)} and returns ${coin(price.total - fine)}`);
    await question.getByRole("button", { name: "Yes, cancel job" }).click();
    // Once the block is in, the job leaves the open jobs for the settled ones.
    await expect(settledRow(page, id)).toContainText("Cancelled");

    // On chain: exactly SPEC §6.6, and each balance moved by its share (plus released collateral).
    expect((await market.job(id)).state).toBe(JOB_STATE.cancelled);
    const settled = await market.settlement(id);
    expect(settled.refunds).toEqual(expected.refunds);
    expect(settled.rewards).toEqual(expected.rewards);
    expect(settled.fines.size).toBe(0);
    expect(expected.refundOf(qc)).toBe(price.total - fine);
    const after = await market.balances(everyone);
    for (const who of everyone) {
      const collateral = members.some((m) => m.who === who) ? price.collateral : 0n;
      const gained = expected.rewardOf(who) + expected.refundOf(who) + collateral;
      expect(after.get(who)! - before.get(who)!, `balance of ${who}`).toBe(gained);
    }

    // On screen: the refund on the QC page, and the job page's breakdown of who got what.
    await expect(page.getByTestId(`refund-${id}`)).toContainText(coin(price.total - fine));
    await page.getByTestId(`refund-${id}`).getByRole("link").click();
    const breakdown = page.getByTestId("settlement-breakdown");
    await expect(breakdown).toBeVisible();
    await expect(breakdown.getByTestId(`outcome-${qc.toLowerCase()}`)).toContainText(
      coin(price.total - fine),
    );
    for (const who of [cast.gds, ...members.map((m) => m.who)])
      await expect(breakdown.getByTestId(`outcome-${who.toLowerCase()}`)).toContainText(
        coin(expected.rewardOf(who)),
      );
  });
});
