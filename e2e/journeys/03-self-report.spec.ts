// Journey 3: a DO reports its own failure mid-training after seeing the fine; the GDS settles the
// abort; the good DOs are compensated pro rata of their completed epochs (docs/rules.md §6 rules 3 and 5).
// This journey runs on the market of the chain's native coin (docs/rules.md §12), 18 decimals and "ETH".
import { gainOf, jobMembers, movesOf, paidInFull, releasedTo } from "../../scripts/lib/settlement-oracle.ts";
import { BPS } from "../../src/protocol/constants.ts";
import { FailureReason, JobState, JobType } from "../../src/protocol/enums.ts";
import { creditOf, fineOfAccount, settleFailure } from "../../src/protocol/money/index.ts";
import { cast, horizontalFines } from "./support/constants.ts";
import { priceOfTerms } from "./support/market.ts";
import { expect, test } from "./support/test.ts";
import { actAs, goTo, jobCard, openApp } from "./support/ui.ts";

const gds = cast.gds;
const qc = cast.qcs[0]!;
const dos = [cast.dos[1]!, cast.dos[2]!, cast.dos[3]!];
const reporter = dos[2]!;
const mpc = cast.mpcs[1]!;
const totalEpochs = 4;
/** Epochs each DO completes before the failure: 3, 1, and 1 for the reporter. */
const epochsDone = [3, 1, 1];

test.use({ walletAccount: reporter, marketVariant: "native" });

test("journey 3: a DO self-reports with the fine shown first; the abort settles pro rata", async ({
  page,
  jw,
  market,
  units: { amount, coin },
}) => {
  test.setTimeout(90_000);
  expect(market.asset.symbol).toBe("ETH");
  const doPrices = [amount("0.12"), amount("0.2"), amount("0.1")];
  const mpcPrice = amount("0.03");
  const terms = { jobType: JobType.Horizontal, qc, dos, doPrices, factor: 2, mpcCount: 1, totalEpochs };
  const id = await market.dispatchedJob(gds, terms, [mpc], mpcPrice);
  const job = await market.job(id);
  expect(job.params.selfReportFineBps).toBe(8000);
  const price = priceOfTerms(terms, mpcPrice, job.params.gdsFeeBps);
  for (const [i, d] of dos.entries()) await market.trainEpochs(d, id, epochsDone[i]!);
  // docs/rules.md §6 with a self-reported offender and pro-rata compensation, settled by settleAbort.
  const expected = settleFailure(
    paidInFull(gds, price),
    jobMembers({ dos, doPrices, factor: 2 }, [mpc], price, epochsDone),
    [{ account: reporter, reason: FailureReason.SelfReported }],
    { ...horizontalFines, byEpochs: true, totalEpochs },
  );
  const fine = fineOfAccount(expected, reporter);
  expect(fine).toBe((8000n * price.collateral) / BPS);

  // ── The DO sees the fine, then confirms ──
  await openApp(page, jw);
  await goTo(page, "Node");
  const card = jobCard(page, id);
  await expect(card.getByTestId(`self-fine-${id}`)).toHaveText(coin(fine));
  await card.getByTestId(`self-report-button-${id}`).click();
  const question = card.getByRole("alertdialog", { name: "Report my failure" });
  await expect(question).toContainText(`fines you ${coin(fine)}`);
  const everyone = [gds, qc, ...dos, mpc];
  const before = await market.balances(everyone);
  await question.getByRole("button", { name: "Yes, report my failure" }).click();
  await expect(card.getByTestId(`next-step-${id}`)).toContainText("A failure was reported: stop working.");
  const aborting = await market.job(id);
  expect(aborting.state).toBe(JobState.Aborting);
  expect(aborting.abortReporter).toBe(reporter);

  // ── The GDS settles the abort from its console ──
  await actAs(page, jw, gds);
  await goTo(page, "GDS");
  await page.getByTestId(`gds-settle-${id}`).click();
  await expect(page.getByTestId(`gds-settle-${id}`)).toBeHidden();
  expect((await market.job(id)).state).toBe(JobState.Failed);

  // ── On chain: exactly the settlement the model gave before the report ──
  expect(await market.settlement(id)).toEqual(movesOf(expected));
  expect(releasedTo(expected, reporter)).toBe(price.collateral - fine);
  const after = await market.balances(everyone);
  for (const who of everyone) {
    expect(after.get(who)! - before.get(who)!, `balance of ${who}`).toBe(
      gainOf(expected, qc, who) + releasedTo(expected, who),
    );
  }

  // ── On screen: the job page shows the pro-rata compensation and the fine ──
  await page.goto(`/jobs/${id}`);
  const breakdown = page.getByTestId("settlement-breakdown");
  await expect(breakdown.getByTestId(`outcome-${reporter.toLowerCase()}`)).toContainText(
    `${coin(fine)} (Self-reported)`,
  );
  await expect(breakdown.getByTestId(`outcome-${qc.toLowerCase()}`)).toContainText(coin(price.total));
  for (const who of [gds, dos[0]!, dos[1]!, mpc])
    await expect(breakdown.getByTestId(`outcome-${who.toLowerCase()}`)).toContainText(
      coin(creditOf(expected, who)),
    );
  // Progress as it was at the abort: 3/4 and 1/4 epochs.
  for (const [i, d] of dos.entries())
    await expect(page.getByTestId(`participant-${d.toLowerCase()}`)).toContainText(
      `${epochsDone[i]} / ${totalEpochs}`,
    );
});
