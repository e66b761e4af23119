// Journey 2: a DO stops heartbeating; 3,600 blocks pass; the GDS console flags it; reporting it
// refunds the QC and compensates the good DOs exactly as docs/rules.md §6 says, on the market of the
// 6-decimal demo stablecoin (docs/rules.md §12): every amount on screen in its units.
import { gainOf, jobMembers, movesOf, paidInFull, releasedTo } from "../../scripts/lib/settlement-oracle.ts";
import { FailureReason, JobState, JobType } from "../../src/protocol/enums.ts";
import { creditOf, doFee, fineOfAccount, settleFailure } from "../../src/protocol/money/index.ts";
import { cast, horizontalFines } from "./support/constants.ts";
import { priceOfTerms } from "./support/market.ts";
import { expect, test } from "./support/test.ts";
import { goTo, openApp } from "./support/ui.ts";

const gds = cast.gds;
const qc = cast.qcs[1]!;
const dos = [cast.dos[0]!, cast.dos[1]!, cast.dos[3]!];
const silent = dos[2]!;
const mpcs = [cast.mpcs[0]!, cast.mpcs[1]!];
const totalEpochs = 3;
/** How the job page names reason 1 (docs/rules.md §8). */
const HEARTBEAT_TIMEOUT = "Heartbeat timeout";

test.use({ walletAccount: gds });

test("journey 2: a silent DO is flagged after the timeout, reported, and everyone settled by the rules", async ({
  page,
  jw,
  market,
  chain,
  units: { amount, coin },
}) => {
  test.setTimeout(90_000);
  // Prices whose shares and fines do not come out round: the settlement is checked to the last unit.
  const doPrices = [amount("0.1"), amount("0.200003"), amount("0.3")];
  const mpcPrice = amount("0.040001");
  const terms = { jobType: JobType.Horizontal, qc, dos, doPrices, factor: 1, mpcCount: 2, totalEpochs };
  const id = await market.dispatchedJob(gds, terms, mpcs, mpcPrice);
  const job = await market.job(id);
  expect(job.params.timeoutBlocks).toBe(3600);
  expect(job.params.detectedFineBps).toBe(10_000);
  const price = priceOfTerms(terms, mpcPrice, job.params.gdsFeeBps);
  // The good ones train an epoch; the silent DO never says anything again.
  await market.trainEpochs(dos[0]!, id, 1);
  await market.trainEpochs(dos[1]!, id, 1);

  await openApp(page, jw);
  await goTo(page, "GDS");
  const failures = page.getByTestId("failures");
  await expect(failures.getByTestId(`timeout-${id}`)).toHaveCount(0);

  // 3,600 blocks later, only the silent DO has no sign of life.
  await chain.mine(job.params.timeoutBlocks);
  for (const alive of [dos[0]!, dos[1]!, ...mpcs]) await market.heartbeat(alive);
  const flagged = failures.getByTestId(`timeout-${id}`);
  await expect(flagged).toBeVisible();
  const reportButton = flagged.getByTestId(`report-timeout-${id}-${silent.toLowerCase()}`);
  await expect(reportButton).toBeVisible();
  await expect(flagged.getByRole("button")).toHaveCount(1);
  const progress = await market.progress(id);
  expect(progress.filter((p) => p.timedOut).map((p) => p.account)).toEqual([silent]);

  const everyone = [gds, qc, ...dos, ...mpcs];
  const before = await market.balances(everyone);
  const silentLocked = (await market.node(silent)).locked;
  await reportButton.click();
  await expect(flagged).toBeHidden();

  // On chain: docs/rules.md §6 rules 1–4 with one detected offender, settled by reportFailure, with
  // the default fines and Horizontal shares the job snapshotted.
  expect((await market.job(id)).state).toBe(JobState.Failed);
  const expected = settleFailure(
    paidInFull(gds, price),
    jobMembers({ dos, doPrices, factor: 1 }, mpcs, price, [1, 1, 0]),
    [{ account: silent, reason: FailureReason.HeartbeatTimeout }],
    { ...horizontalFines, byEpochs: false, totalEpochs },
  );
  expect(await market.settlement(id)).toEqual(movesOf(expected));
  expect(expected.refund).toBe(price.total);
  expect(creditOf(expected, dos[0]!)).toBeGreaterThan(doFee(doPrices[0]!, 1)); // fee + a share of the rest
  const after = await market.balances(everyone);
  // Good nodes also get their collateral back; the silent DO loses all of its own (a 100 % fine).
  expect(releasedTo(expected, silent)).toBe(0n);
  for (const who of everyone) {
    expect(after.get(who)! - before.get(who)!, `balance of ${who}`).toBe(
      gainOf(expected, qc, who) + releasedTo(expected, who),
    );
  }
  expect((await market.node(silent)).locked).toBe(silentLocked - price.collateral);

  // On screen: the job page's settlement shows the fine, the refund and every credit.
  await page.getByRole("link", { name: "Monitoring dashboard" }).click();
  await page.getByTestId(`job-row-${id}`).getByRole("link").click();
  const breakdown = page.getByTestId("settlement-breakdown");
  await expect(breakdown.getByTestId(`outcome-${silent.toLowerCase()}`)).toContainText(
    `${coin(fineOfAccount(expected, silent))} (${HEARTBEAT_TIMEOUT})`,
  );
  await expect(breakdown.getByTestId(`outcome-${qc.toLowerCase()}`)).toContainText(coin(price.total));
  for (const who of [gds, dos[0]!, dos[1]!, ...mpcs])
    await expect(breakdown.getByTestId(`outcome-${who.toLowerCase()}`)).toContainText(
      coin(creditOf(expected, who)),
    );
});
