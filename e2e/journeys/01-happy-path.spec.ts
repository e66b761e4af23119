// Journey 1: every role's happy path through the app, checked on screen and on chain, on the market of
// the demo stablecoin (6 decimals, EIP-2612; docs/rules.md §12): a new DO stakes with a permit (one
// signature, one transaction), the GDS orders, the QC pays with a permit, the GDS assigns the MPC
// (dispatch), the DOs and the MPC post progress, the last DO completes, everyone is paid, and a DO
// withdraws its fee to its wallet.
import { isNativeAsset } from "../../src/protocol/asset.ts";
import { JobState, JobType, Role } from "../../src/protocol/enums.ts";
import { gainOf, jobMembers, movesOf } from "../../scripts/lib/settlement-oracle.ts";
import { creditOf, settleCompleted } from "../../src/protocol/money/index.ts";
import { cast } from "./support/constants.ts";
import { priceOfTerms } from "./support/market.ts";
import { expect, test } from "./support/test.ts";
import {
  actAs,
  feedItems,
  goTo,
  jobCard,
  jobIdOfUuid,
  openApp,
  postEpochCompleted,
  sendTx,
  shortId,
} from "./support/ui.ts";

const gds = cast.gds;
const qc = cast.qcs[0]!;
const dos = [cast.dos[2]!, cast.dos[4]!];
const mpc = cast.mpcs[2]!;
const newDo = cast.spares[0]!;
const totalEpochs = 2;

test.use({ walletAccount: gds });

test("journey 1: staking, order, payment, dispatch, progress, completion, rewards and a withdrawal", async ({
  page,
  jw,
  market,
  units: { amount, typed, coin },
}, testInfo) => {
  test.setTimeout(120_000);
  // Amounts with every one of the token's 6 decimals in use, so a rounding or an 18-decimal slip shows.
  const doPrices = [amount("0.100001"), amount("0.15")];
  const mpcPrice = amount("0.05");
  /** The QC pays a little more than the price: the rest must come back as a Refund. */
  const overpayment = amount("0.01");
  const stake = amount("2.5");
  const params = await market.parameters();
  const price = priceOfTerms(
    { jobType: JobType.Horizontal, doPrices, factor: 1, mpcCount: 1 },
    mpcPrice,
    params.gdsFeeBps,
  );
  const everyone = [gds, qc, ...dos, mpc];
  const start = await market.balances(everyone);

  // ── A new DO stakes: one permit signature, then one transaction (registerNodeWithPermit) ──
  await openApp(page, jw);
  await actAs(page, jw, newDo);
  await goTo(page, "Node");
  const walletBeforeStake = await market.walletBalance(newDo);
  await expect(page.getByTestId("register-stake-wallet-held")).toHaveText(coin(walletBeforeStake));
  await page.getByTestId(`register-role-${Role.DO}`).check();
  await page.getByTestId("register-stake").fill(typed(stake));
  // Terms first (docs/rules.md §11.9): the defaults, at most the stake locked per job.
  await sendTx(page, "register-terms-button");
  const [typedBefore, txBefore] = [jw.typedDataRequests, jw.signatureRequests];
  await page.getByTestId("register-button").click();
  await expect(page.getByTestId("node-status")).toContainText("Registered as DO");
  await expect(page.getByTestId("node-free")).toHaveText(coin(stake));
  expect(await market.balance(newDo)).toBe(stake);
  if (!isNativeAsset(market.asset)) {
    expect(jw.typedDataRequests - typedBefore, "permit signatures").toBe(1);
    expect(jw.signatureRequests - txBefore, "transactions").toBe(1);
    expect(await market.walletBalance(newDo)).toBe(walletBeforeStake - stake);
  }

  // ── GDS: place the order from the console, nodes picked from the registry ──
  await actAs(page, jw, gds);
  await goTo(page, "GDS");
  const form = page.getByTestId("place-order");
  const id = jobIdOfUuid(await form.getByTestId("order-id").innerText());
  await form.getByTestId("order-qc").fill(qc);
  for (const [i, d] of dos.entries()) {
    await form.getByTestId(`order-dos-pick-${d.toLowerCase()}`).check();
    await form.getByTestId(`order-price-${d.toLowerCase()}`).fill(typed(doPrices[i]!));
  }
  await form.getByTestId("order-mpc-count").fill("1");
  await form.getByTestId("order-epochs").fill(String(totalEpochs));
  await form.getByTestId("order-mpc-price").fill(typed(mpcPrice));
  await expect(form.getByTestId("order-quote-total")).toHaveText(coin(price.total));
  await form.getByTestId("place-order-button").click();
  await expect(form.getByTestId("place-order-button-status")).toContainText("Confirmed in block");
  let job = await market.job(id);
  expect(job.state).toBe(JobState.Ordered);
  expect(job.quote).toBe(price.total);
  expect(job.collateral).toBe(price.collateral);

  // ── QC: sees the order with its price, pays a bit more with a permit (one signature, one transaction) ──
  await actAs(page, jw, qc);
  await goTo(page, "QC");
  const qcCard = jobCard(page, id);
  await expect(qcCard.getByTestId(`price-${id}`)).toContainText(coin(price.total));
  await expect(qcCard.getByTestId(`due-${id}`)).toHaveText(coin(price.total));
  const qcWalletBefore = await market.walletBalance(qc);
  await expect(qcCard.getByTestId(`pay-amount-${id}-wallet-held`)).toHaveText(coin(qcWalletBefore));
  const paid = price.total + overpayment;
  await qcCard.getByTestId(`pay-amount-${id}`).fill(typed(paid));
  const [typedBeforePay, txBeforePay] = [jw.typedDataRequests, jw.signatureRequests];
  await qcCard.getByTestId(`pay-button-${id}`).click();
  await expect(qcCard.getByTestId(`paid-${id}`)).toHaveText(coin(paid));
  expect((await market.job(id)).paid).toBe(paid);
  if (!isNativeAsset(market.asset)) {
    expect(jw.typedDataRequests - typedBeforePay, "permit signatures").toBe(1);
    expect(jw.signatureRequests - txBeforePay, "transactions").toBe(1);
    // The permit was for exactly the payment: nothing is left allowed to the market.
    expect(await market.walletBalance(qc)).toBe(qcWalletBefore - paid);
    expect(await market.allowance(qc)).toBe(0n);
  }

  // ── GDS: assigns the MPC; the payment already covers the total, so the job dispatches ──
  await actAs(page, jw, gds);
  await goTo(page, "GDS");
  const assign = page.getByTestId("assign-mpcs");
  await assign.getByTestId("assign-job").selectOption(id);
  await assign.getByTestId(`assign-mpcs-pick-${mpc.toLowerCase()}`).check();
  await assign.getByTestId("assign-mpc-price").fill(typed(mpcPrice));
  await expect(assign.getByTestId("assign-price-total")).toHaveText(coin(price.total));
  await assign.getByTestId("assign-button").click();
  await expect(assign.getByTestId("assign-outcome")).toContainText("dispatched");
  job = await market.job(id);
  expect(job.state).toBe(JobState.Dispatched);
  expect(job.totalPrice).toBe(price.total);

  // ── Dashboard: the dispatch is in the live feed ──
  await goTo(page, "Dashboard");
  await expect(feedItems(page, "JobDispatched", id)).toHaveCount(1);

  // ── DOs and the MPC post their progress from the node page ──
  await actAs(page, jw, mpc);
  await goTo(page, "Node");
  const mpcCard = jobCard(page, id);
  await mpcCard.getByTestId(`status-status-${id}`).selectOption({ label: "Completed" });
  await mpcCard.getByTestId(`status-epoch-${id}`).fill("0");
  await mpcCard.getByTestId(`status-batch-${id}-all`).check();
  await mpcCard.getByTestId(`status-button-${id}`).click();
  await expect(mpcCard.getByTestId(`status-button-${id}-status`)).toContainText("Confirmed in block");

  for (const [i, d] of dos.entries()) {
    await actAs(page, jw, d);
    const card = jobCard(page, id);
    await expect(card.getByTestId(`status-button-${id}`)).toBeVisible();
    await postEpochCompleted(page, id, 0);
    await expect(card.getByTestId(`status-button-${id}-status`)).toContainText("Confirmed in block");
    expect((await market.progress(id)).find((p) => p.account === d)?.completedEpochs).toBe(1);
    await postEpochCompleted(page, id, "ALL");
    if (i < dos.length - 1) {
      await expect(card.getByTestId(`next-step-${id}`)).toHaveText(
        "Your part is complete: waiting for the others.",
      );
    }
  }
  // The last DO's completion settles the job: it moves to the node's settled jobs.
  await expect(
    page.getByRole("region", { name: /My settled jobs/ }).getByTestId(`job-row-${id}`),
  ).toContainText("Completed");

  // ── On chain: the happy path of docs/rules.md §4 to the wei, and each balance grew by exactly that ──
  expect((await market.job(id)).state).toBe(JobState.Completed);
  const expected = settleCompleted(
    { gds, collateral: price.collateral, totalPrice: price.total, paid },
    jobMembers({ dos, doPrices, factor: 1 }, [mpc], price),
  );
  expect(await market.settlement(id)).toEqual(movesOf(expected));
  expect(expected.fines).toEqual([]);
  expect(expected.refund).toBe(overpayment);
  const end = await market.balances(everyone);
  // Measured before the order locked any collateral: the settlement unlocks it again.
  for (const who of everyone)
    expect(end.get(who)! - start.get(who)!, `balance of ${who}`).toBe(gainOf(expected, qc, who));

  // ── Dashboard: RewardDistributed and Refund in the live feed ──
  await goTo(page, "Dashboard");
  await expect(feedItems(page, "RewardDistributed", id)).toHaveCount(1);
  await expect(feedItems(page, "Refund", id)).toHaveCount(1);
  await expect(feedItems(page, "Refund", id)).toContainText(coin(overpayment));
  await expect(page.getByTestId(`job-row-${id}`)).toContainText("Completed");
  // Each node's free stake on the dashboard is its starting stake plus its fee.
  for (const who of [...dos, mpc])
    await expect(page.getByTestId(`node-row-${who.toLowerCase()}`)).toContainText(
      coin(start.get(who)! + creditOf(expected, who)),
    );

  // ── Job page: who got what ──
  await feedItems(page, "Refund", id)
    .getByRole("link", { name: shortId(id) })
    .click();
  const breakdown = page.getByTestId("settlement-breakdown");
  for (const who of [gds, ...dos, mpc])
    await expect(breakdown.getByTestId(`outcome-${who.toLowerCase()}`)).toContainText(
      coin(creditOf(expected, who)),
    );
  await expect(breakdown.getByTestId(`outcome-${qc.toLowerCase()}`)).toContainText(coin(overpayment));
  const jobPageShot = await page.screenshot({ fullPage: true, path: testInfo.outputPath("job-page.png") });
  await testInfo.attach("job page", { body: jobPageShot, contentType: "image/png" });

  // ── A DO withdraws its fee: the coins reach its wallet (less the gas it paid) ──
  const withdrawer = dos[0]!;
  const fee = creditOf(expected, withdrawer);
  await actAs(page, jw, withdrawer);
  await goTo(page, "Node");
  const marketBefore = await market.balance(withdrawer);
  const walletBefore = await market.walletBalance(withdrawer);
  await expect(page.getByTestId("balance-withdrawable")).toHaveText(coin(marketBefore));
  await expect(page.getByTestId("balance-wallet")).toHaveText(coin(walletBefore));
  await page.getByTestId("withdraw-amount").fill(typed(fee));
  await page.getByTestId("withdraw-button").click();
  await expect(page.getByTestId("withdraw-button-status")).toContainText("Confirmed in block");
  await expect(page.getByTestId("balance-withdrawable")).toHaveText(coin(marketBefore - fee));
  const receipt = await market.receipt(jw.sent.at(-1)!);
  expect(await market.balance(withdrawer)).toBe(marketBefore - fee);
  // A token arrives whole (gas is paid in the chain's coin); the native coin less the gas.
  const gas = isNativeAsset(market.asset) ? receipt.gasUsed * receipt.effectiveGasPrice : 0n;
  expect(await market.walletBalance(withdrawer)).toBe(walletBefore + fee - gas);
  await expect(page.getByTestId("balance-wallet")).toHaveText(coin(walletBefore + fee - gas));

  // ── Screenshots of every role's page at the end of the journey ──
  const shots: [string, () => Promise<unknown>, () => Promise<void>][] = [
    ["node-do", async () => undefined, () => expect(page.getByTestId("node-status")).toBeVisible()],
    [
      "node-mpc",
      () => actAs(page, jw, mpc),
      () => expect(page.getByTestId("node-status")).toContainText("Registered as MPC"),
    ],
    [
      "qc",
      async () => (await actAs(page, jw, qc), await goTo(page, "QC")),
      () => expect(page.getByTestId("qc-refunds")).toContainText(coin(overpayment)),
    ],
    [
      "gds",
      async () => (await actAs(page, jw, gds), await goTo(page, "GDS")),
      () => expect(page.getByTestId("place-order")).toBeVisible(),
    ],
    [
      "dashboard",
      () => goTo(page, "Dashboard"),
      () => expect(feedItems(page, "RewardDistributed", id)).toHaveCount(1),
    ],
    ["admin", () => goTo(page, "Admin"), () => expect(page.locator("main h1")).toBeVisible()],
  ];
  for (const [name, open, ready] of shots) {
    await open();
    await ready();
    const body = await page.screenshot({ fullPage: true, path: testInfo.outputPath(`${name}.png`) });
    await testInfo.attach(name, { body, contentType: "image/png" });
  }
});
