// Journey 5: a DO asks for an MPC to be replaced; the GDS replaces it from its console; at
// completion the replaced MPC gets nothing and the new one its fee (docs/rules.md §6 rule 7).
import { jobMembers, movesOf, paidInFull } from "../../scripts/lib/settlement-oracle.ts";
import { JobState, JobType } from "../../src/protocol/enums.ts";
import { creditOf, settleCompleted } from "../../src/protocol/money/index.ts";
import { cast } from "./support/constants.ts";
import { priceOfTerms } from "./support/market.ts";
import { expect, test } from "./support/test.ts";
import { actAs, goTo, jobCard, openApp } from "./support/ui.ts";

const gds = cast.gds;
const qc = cast.qcs[1]!;
const dos = [cast.dos[0]!, cast.dos[4]!];
const requester = dos[0]!;
const oldMpc = cast.mpcs[0]!;
const newMpc = cast.mpcs[2]!;

test.use({ walletAccount: requester });

test("journey 5: a requested MPC replacement is done by the GDS; the replaced MPC is not paid", async ({
  page,
  jw,
  market,
  units: { amount, coin },
}) => {
  test.setTimeout(90_000);
  const doPrices = [amount("0.1"), amount("0.1")];
  const mpcPrice = amount("0.05");
  const terms = { jobType: JobType.Horizontal, qc, dos, doPrices, factor: 1, mpcCount: 1, totalEpochs: 2 };
  const oldStart = await market.balance(oldMpc);
  const newStart = await market.balance(newMpc);
  const id = await market.dispatchedJob(gds, terms, [oldMpc], mpcPrice);
  const job = await market.job(id);
  const price = priceOfTerms(terms, mpcPrice, job.params.gdsFeeBps);

  // ── The DO asks for the replacement ──
  await openApp(page, jw);
  await goTo(page, "Node");
  const card = jobCard(page, id);
  await card.getByTestId(`replace-select-${id}`).selectOption(oldMpc);
  await card.getByTestId(`replace-request-button-${id}`).click();
  await expect(card.getByTestId(`replace-request-button-${id}-status`)).toContainText("Confirmed in block");
  expect((await market.progress(id)).find((p) => p.account === oldMpc)?.replacementRequested).toBe(true);

  // ── The GDS sees the request and replaces the MPC with one it picks ──
  await actAs(page, jw, gds);
  await goTo(page, "GDS");
  const row = page.getByTestId(`replacement-${id}-${oldMpc.toLowerCase()}`);
  await expect(row).toContainText("replacement requested");
  await row.getByLabel("Replacement").selectOption(newMpc);
  await row.getByTestId(`replace-button-${id}-${oldMpc.toLowerCase()}`).click();
  await expect(row).toBeHidden();
  const [, , mpcsNow] = await market.participants(id);
  expect(mpcsNow).toEqual([newMpc]);
  expect((await market.job(id)).replacements).toBe(1);
  expect(await market.balance(oldMpc)).toBe(oldStart); // its collateral is back, nothing more

  // ── The DOs finish (not what this journey is about: set directly) ──
  for (const d of dos) await market.finishTraining(d, id);
  expect((await market.job(id)).state).toBe(JobState.Completed);

  // ── On chain: the new MPC is paid its fee, the replaced one nothing ──
  const expected = settleCompleted(paidInFull(gds, price), jobMembers(terms, [newMpc], price));
  expect(await market.settlement(id)).toEqual(movesOf(expected));
  expect(creditOf(expected, oldMpc)).toBe(0n);
  expect(await market.balance(oldMpc)).toBe(oldStart);
  expect(await market.balance(newMpc)).toBe(newStart + price.mpcFee);

  // ── On screen: the job page lists the replacement and pays only the new MPC ──
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-timeline")).toContainText("MpcReplaced");
  const breakdown = page.getByTestId("settlement-breakdown");
  await expect(breakdown.getByTestId(`outcome-${newMpc.toLowerCase()}`)).toContainText(coin(price.mpcFee));
  await expect(breakdown.getByTestId(`outcome-${oldMpc.toLowerCase()}`)).toHaveCount(0);
});
