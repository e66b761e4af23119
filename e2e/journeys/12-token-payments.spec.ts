// Journey 12: paying in a token without a permit (docs/rules.md §12). On the market of DemoTether (6 decimals,
// no EIP-2612, and like USDT it changes a non-zero allowance only through 0) the QC pays approve-then-pay:
// with an allowance left over, the app sets it to 0, approves exactly the amount, then pays (three
// transactions, no typed-data signature); a DO deposits with one approval. On the permit token, a wallet
// that cannot sign typed data pays the approve way too, and a rejected permit sends nothing.
import { JobType } from "../../src/protocol/enums.ts";
import { REJECTED_MESSAGE } from "../../src/app/lib/txError.ts";
import { cast } from "./support/constants.ts";
import type { Market } from "./support/market.ts";
import { expect, test } from "./support/test.ts";
import { actAs, goTo, jobCard, openApp } from "./support/ui.ts";

const qc = cast.qcs[1]!;
const depositor = cast.dos[3]!;

/** A placed order of the QC, at prices in the market's asset; returns its id and quote. */
async function orderFor(market: Market, amount: (text: string) => bigint) {
  const id = await market.placeOrder(
    cast.gds,
    {
      jobType: JobType.Horizontal,
      qc,
      dos: [cast.dos[0]!, cast.dos[1]!],
      doPrices: [amount("0.1"), amount("0.123457")],
      factor: 1,
      mpcCount: 1,
      totalEpochs: 1,
    },
    amount("0.05"),
  );
  return { id, quote: (await market.job(id)).quote };
}

test.describe("on a token without permits", () => {
  test.use({ walletAccount: qc, marketVariant: "approve" });

  test("the QC pays: a leftover allowance is set to 0, the exact amount approved, then paid", async ({
    page,
    jw,
    market,
    units: { amount, typed, coin },
  }) => {
    expect(market.asset).toMatchObject({ symbol: "fdUSDT", decimals: 6, permit: false });
    const { id, quote } = await orderFor(market, amount);
    // An allowance left from earlier, too small for this payment: USDT-like tokens refuse to raise it directly.
    const leftover = amount("0.000001");
    await market.approve(qc, leftover);
    const walletBefore = await market.walletBalance(qc);

    await openApp(page, jw);
    await goTo(page, "QC");
    const card = jobCard(page, id);
    await expect(card.getByTestId(`due-${id}`)).toHaveText(coin(quote));
    await expect(card.getByTestId(`pay-amount-${id}-wallet-held`)).toHaveText(coin(walletBefore));
    await expect(card.getByTestId(`pay-amount-${id}-wallet-allowed`)).toHaveText(coin(leftover));
    await expect(card.getByTestId(`pay-amount-${id}-wallet`)).toContainText("you approve the amount");
    await expect(card.getByTestId(`pay-amount-${id}`)).toHaveValue(typed(quote));
    const [typedBefore, txBefore] = [jw.typedDataRequests, jw.signatureRequests];
    await card.getByTestId(`pay-button-${id}`).click();
    await expect(card.getByTestId(`paid-${id}`)).toHaveText(coin(quote));

    expect(jw.typedDataRequests - typedBefore, "typed-data signatures").toBe(0);
    expect(jw.signatureRequests - txBefore, "approve 0, approve the amount, pay").toBe(3);
    expect((await market.job(id)).paid).toBe(quote);
    expect(await market.walletBalance(qc)).toBe(walletBefore - quote);
    // Exactly the amount was approved, and the market took it all: nothing stays allowed.
    expect(await market.allowance(qc)).toBe(0n);
    await expect(card.getByTestId(`pay-amount-${id}-wallet-held`)).toHaveText(coin(walletBefore - quote));
  });

  test("a DO deposits more stake: one exact approval, then the deposit", async ({
    page,
    jw,
    market,
    units: { amount, typed, coin },
  }) => {
    const before = await market.balance(depositor);
    const deposit = amount("1.000001");
    await openApp(page, jw);
    await actAs(page, jw, depositor);
    await goTo(page, "Node");
    await expect(page.getByTestId("node-free")).toHaveText(coin(before));
    await expect(page.getByTestId("deposit-amount-wallet-allowed")).toHaveText(coin(0n));
    await page.getByTestId("deposit-amount").fill(typed(deposit));
    const txBefore = jw.signatureRequests;
    await page.getByTestId("deposit-button").click();
    await expect(page.getByTestId("deposit-button-status")).toContainText("Confirmed in block");
    expect(jw.signatureRequests - txBefore, "approve, deposit").toBe(2);
    expect(jw.typedDataRequests).toBe(0);
    expect(await market.balance(depositor)).toBe(before + deposit);
    await expect(page.getByTestId("node-free")).toHaveText(coin(before + deposit));
  });
});

test.describe("on the permit token", () => {
  test.use({ walletAccount: qc });

  test("a rejected permit sends nothing; a wallet without typed data pays the approve way", async ({
    page,
    jw,
    market,
    units: { amount, coin },
  }) => {
    expect(market.asset.permit).toBe(true);
    const { id, quote } = await orderFor(market, amount);
    await openApp(page, jw);
    await goTo(page, "QC");
    const card = jobCard(page, id);
    await expect(card.getByTestId(`pay-amount-${id}-wallet`)).toContainText("you sign a permit");

    // The user says no to the permit: nothing is sent, and the words say so.
    jw.rejectNextSignatures(1);
    await card.getByTestId(`pay-button-${id}`).click();
    await expect(card.getByTestId(`pay-button-${id}-status`)).toHaveText(REJECTED_MESSAGE);
    expect(jw.typedDataRequests).toBe(1);
    expect(jw.signatureRequests).toBe(0);
    expect((await market.job(id)).paid).toBe(0n);

    // A wallet that cannot sign typed data (EIP-1193 4200): the app approves the exact amount, then pays.
    jw.signsTypedData = false;
    await card.getByTestId(`pay-button-${id}`).click();
    await expect(card.getByTestId(`paid-${id}`)).toHaveText(coin(quote));
    expect(jw.typedDataRequests).toBe(2);
    expect(jw.signatureRequests, "approve, pay").toBe(2);
    expect(await market.allowance(qc)).toBe(0n);
  });
});
