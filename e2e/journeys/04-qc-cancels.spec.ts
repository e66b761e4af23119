// Journey 4: the QC cancels, before and after dispatch, and the fine it was shown is what happened.
import type { Page } from "@playwright/test";
import { gainOf, jobMembers, movesOf, paidInFull, releasedTo } from "../../scripts/lib/settlement-oracle.ts";
import { JobState, JobType } from "../../src/protocol/enums.ts";
import { cancellationFine, creditOf, settleCancelled } from "../../src/protocol/money/index.ts";
import { cast } from "./support/constants.ts";
import { priceOfTerms } from "./support/market.ts";
import { expect, test } from "./support/test.ts";
import { goTo, jobCard, openApp } from "./support/ui.ts";

const qc = cast.qcs[0]!;
const mpc = cast.mpcs[2]!;

/** The journey's job in the market's asset, and its price for a GDS fee. */
function stage(amount: (text: string) => bigint) {
  const mpcPrice = amount("0.05");
  const terms = {
    jobType: JobType.Horizontal,
    qc,
    dos: [cast.dos[0]!, cast.dos[1]!],
    doPrices: [amount("0.1"), amount("0.25")],
    factor: 2,
    mpcCount: 1,
    totalEpochs: 2,
  };
  return { mpcPrice, terms, priceWith: (gdsFeeBps: number) => priceOfTerms(terms, mpcPrice, gdsFeeBps) };
}

test.use({ walletAccount: qc });

const settledRow = (page: Page, id: string) =>
  page.getByRole("region", { name: /Settled jobs/ }).getByTestId(`job-row-${id}`);

test.describe("journey 4: the QC cancels", () => {
  test("before dispatch: no fine is shown, none is taken, everything paid comes back", async ({
    page,
    jw,
    market,
    units: { amount, coin },
  }) => {
    const { mpcPrice, terms, priceWith } = stage(amount);
    const id = await market.placeOrder(cast.gds, terms, mpcPrice);
    const ordered = await market.job(id);
    const quote = ordered.quote;
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
    expect(job.state).toBe(JobState.Cancelled);
    const C = priceWith(ordered.params.gdsFeeBps).collateral;
    const expected = settleCancelled(
      { gds: cast.gds, collateral: C, totalPrice: 0n, paid: quote, dispatched: false, cancelFineBps: 6000 },
      [],
    );
    expect(expected).toMatchObject({ credits: [], refund: quote, fines: [] });
    expect(await market.settlement(id)).toEqual(movesOf(expected));
    expect(await market.balance(qc)).toBe(balanceBefore + quote);
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
    units: { amount, coin },
  }) => {
    const { mpcPrice, terms, priceWith } = stage(amount);
    const price = priceWith((await market.parameters()).gdsFeeBps);
    const id = await market.dispatchedJob(cast.gds, terms, [mpc], mpcPrice);
    const job = await market.job(id);
    expect(job.state).toBe(JobState.Dispatched);
    expect(job.totalPrice).toBe(price.total);
    // docs/rules.md §6 rule 6 with the default cancelFineBps (the job snapshotted it).
    expect(job.params.cancelFineBps).toBe(6000);
    const members = jobMembers(terms, [mpc], price);
    const expected = settleCancelled(
      { ...paidInFull(cast.gds, price), dispatched: true, cancelFineBps: 6000 },
      members,
    );
    const fine = cancellationFine(price.total, 6000);
    const everyone = [qc, cast.gds, ...members.map((m) => m.account)];
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

    // On chain: exactly docs/rules.md §6 rule 6, and each balance moved by its share (plus released collateral).
    expect((await market.job(id)).state).toBe(JobState.Cancelled);
    expect(await market.settlement(id)).toEqual(movesOf(expected));
    expect(expected.refund).toBe(price.total - fine);
    const after = await market.balances(everyone);
    for (const who of everyone) {
      const gained = gainOf(expected, qc, who) + releasedTo(expected, who);
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
    for (const who of [cast.gds, ...members.map((m) => m.account)])
      await expect(breakdown.getByTestId(`outcome-${who.toLowerCase()}`)).toContainText(
        coin(creditOf(expected, who)),
      );
  });
});
