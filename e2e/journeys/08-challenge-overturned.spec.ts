// Journey 8: the GDS console shows the bond a non-compliance judgement needs and the GDS deposits it;
// the GDS judges a DO non-compliant; the DO sees the deadline and challenges;
// the arbiter reads the job and overturns the judgement: no fine, the QC refunded, and the GDS's bond
// credited to the DO — on screen and on chain, exactly as the money model says (docs/rules.md §11.7).
import { formatEther, parseEther } from "viem";
import { movesOf, releasedTo } from "../../scripts/lib/settlement-oracle.ts";
import { JobState, JobType } from "../../src/protocol/enums.ts";
import {
  creditOf,
  fineOfAccount,
  previewJudgement,
  previewJudgementBond,
} from "../../src/protocol/money/index.ts";
import { cast } from "./support/constants.ts";
import { expect, test } from "./support/test.ts";
import { actAs, goTo, jobCard, openApp, sendTx } from "./support/ui.ts";

const gds = cast.gds;
const arbiter = cast.admin; // initialize grants the admin ARBITER_ROLE; it takes no part in the job
const qc = cast.qcs[0]!;
const dos = [cast.dos[0]!, cast.dos[2]!];
const judged = dos[1]!;
const doPrices = [parseEther("0.1"), parseEther("0.2")];
const mpc = cast.mpcs[0]!;
const mpcPrice = parseEther("0.05");

// The native-coin market: journeys 1, 2 and 12 (token payments) cover the token's units.
test.use({ walletAccount: judged, marketVariant: "native" });

test("journey 8: a DO challenges a judgement and the arbiter overturns it; the bond goes to the DO", async ({
  page,
  jw,
  market,
  units,
}) => {
  const { coin } = units;
  test.setTimeout(90_000);
  const terms = { jobType: JobType.Horizontal, qc, dos, doPrices, factor: 1, mpcCount: 1, totalEpochs: 2 };
  const id = await market.dispatchedJob(gds, terms, [mpc], mpcPrice);
  await market.trainEpochs(dos[0]!, id, 1);
  // ── The GDS console: the bond the judgement needs, a deposit that covers it, then the judgement ──
  const bond = previewJudgementBond(await market.job(id), await market.progress(id), [judged]);
  expect(bond).toBeGreaterThan(0n);
  const gdsBalance = await market.balance(gds);
  await openApp(page, jw);
  await actAs(page, jw, gds);
  await goTo(page, "GDS");
  const failures = page.getByTestId("failures");
  await failures.getByTestId("noncompliant-job").selectOption(id);
  await failures.getByTestId("noncompliant-participant").selectOption(judged);
  await expect(failures.getByTestId("noncompliant-bond-amount")).toHaveText(coin(bond));
  await expect(failures.getByTestId("noncompliant-balance")).toHaveText(coin(gdsBalance));
  await failures.getByTestId("bond-deposit-amount").fill(formatEther(bond));
  await sendTx(page, "bond-deposit-button");
  await expect(failures.getByTestId("noncompliant-balance")).toHaveText(coin(gdsBalance + bond));
  await sendTx(page, "noncompliant-button", { confirm: true });
  const job = await market.job(id);
  expect(job.state).toBe(JobState.Judged);
  expect(job.bond).toBe(bond);
  expect(await market.balance(gds)).toBe(gdsBalance); // the deposit went into the bond
  expect(job.challengeDeadline).toBe(job.judgedAt + BigInt(job.params.challengeWindowBlocks));
  // What each ruling would move, by the money model over the chain's views at the judgement.
  const participants = await market.progress(id);
  const upheld = previewJudgement(job, participants, "upheld");
  const overturned = previewJudgement(job, participants, []);
  expect(overturned.fines).toEqual([]);
  expect(overturned.bondForfeited).toBe(job.bond);
  expect(creditOf(overturned, judged)).toBe(job.bond);

  // ── The DO sees the judgement, its deadline and what is at stake, and challenges ──
  await actAs(page, jw, judged);
  await goTo(page, "Node");
  const card = jobCard(page, id);
  const panel = card.getByTestId(`judgement-${id}`);
  await expect(panel).toContainText("The GDS judged you non-compliant.");
  await expect(panel.getByTestId(`judgement-bond-${id}`)).toHaveText(coin(job.bond));
  await expect(panel.getByTestId(`judgement-deadline-${id}`)).toContainText(
    `before block ${job.challengeDeadline} (`,
  );
  await expect(panel.getByTestId(`judgement-deadline-${id}`)).toContainText("blocks left");
  await expect(panel.getByTestId(`judgement-fine-${id}`)).toHaveText(coin(fineOfAccount(upheld, judged)));
  await expect(panel.getByTestId(`judgement-overturn-credit-${id}`)).toHaveText(coin(job.bond));
  await panel.getByTestId(`challenge-button-${id}`).click();
  await panel.getByTestId(`challenge-button-${id}-yes`).click();
  await expect(card).toContainText("Challenged");
  await expect(card.getByTestId(`judgement-deadline-${id}`)).toContainText(
    "the arbiter may rule before block",
  );
  const challenged = await market.job(id);
  expect(challenged.state).toBe(JobState.Challenged);
  expect(challenged.challenger).toBe(judged);

  // ── The arbiter (its own page, in the nav only for its role) overturns ──
  await expect(
    page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Arbiter" }),
  ).toHaveCount(0);
  await actAs(page, jw, arbiter);
  await goTo(page, "Arbiter");
  const challenge = jobCard(page, id);
  await expect(challenge.getByTestId(`arbitration-deadline-${id}`)).toContainText(
    `before block ${challenged.arbitrationDeadline}`,
  );
  // The job's progress as it stood at the judgement: the first DO's completed epoch.
  await expect(challenge).toContainText("Training · epoch 0 · batch ALL · Completed");
  await challenge.getByText("Timeline").click();
  await expect(challenge.getByTestId("job-timeline")).toContainText("JudgementChallenged");
  const key = judged.toLowerCase();
  await expect(challenge.getByTestId(`resolve-button-${id}-status`)).toContainText(
    "Choose uphold or overturn",
  );
  await challenge.getByTestId(`ruling-overturn-${id}-${key}`).check();
  await expect(challenge.getByTestId(`ruling-outcome-${id}-${key}`)).toContainText(coin(job.bond));
  const everyone = [gds, qc, ...dos, mpc];
  const before = await market.balances(everyone);
  await challenge.getByTestId(`resolve-button-${id}`).click();
  await page.getByTestId(`resolve-button-${id}-yes`).click();
  await expect(page.getByTestId("challenged-judgements")).toContainText(
    "No judgement is waiting for a ruling.",
  );

  // On chain: overturned with nobody timed out — no fine, the QC refunded all it paid, all collateral
  // released, the whole bond credited to the DO (RewardDistributed), nothing of it back to the GDS.
  const settled = await market.job(id);
  expect(settled.state).toBe(JobState.Failed);
  expect(await market.settlement(id)).toEqual(movesOf(overturned));
  const after = await market.balances(everyone);
  for (const who of everyone) {
    const gained =
      creditOf(overturned, who) + (who === qc ? overturned.refund : 0n) + releasedTo(overturned, who);
    expect(after.get(who)! - before.get(who)!, `balance of ${who}`).toBe(gained);
  }
  expect(after.get(judged)! - before.get(judged)!).toBe(job.bond + settled.collateral);

  // On screen: the job page's settlement credits the bond to the DO and fines nobody.
  await page.goto(`/jobs/${id}`);
  const breakdown = page.getByTestId("settlement-breakdown");
  await expect(breakdown).toContainText("The judgement was challenged");
  await expect(breakdown.getByTestId(`outcome-${key}`)).toContainText(coin(job.bond));
  await expect(breakdown.getByTestId(`outcome-${qc.toLowerCase()}`)).toContainText(coin(overturned.refund));
  await expect(breakdown.getByText("Non-compliant result")).toHaveCount(0);
});
