// Journey 5: a DO asks for an MPC to be replaced; the GDS replaces it from its console; at
// completion the replaced MPC gets nothing and the new one its fee (SPEC.md §6 rule 7).
import { parseEther } from "viem";
import { cast, JOB_STATE, JOB_TYPE } from "./support/constants.ts";
import { completion, priceOf } from "./support/spec-rules.ts";
import { expect, test } from "./support/test.ts";
import { actAs, coin, goTo, jobCard, openApp } from "./support/ui.ts";

const gds = cast.gds;
const qc = cast.qcs[1]!;
const dos = [cast.dos[0]!, cast.dos[4]!];
const requester = dos[0]!;
const doPrices = [parseEther("0.1"), parseEther("0.1")];
const oldMpc = cast.mpcs[0]!;
const newMpc = cast.mpcs[2]!;
const mpcPrice = parseEther("0.05");

test.use({ walletAccount: requester });

test("journey 5: a requested MPC replacement is done by the GDS; the replaced MPC is not paid", async ({
  page,
  jw,
  market,
}) => {
  test.setTimeout(90_000);
  const terms = { jobType: JOB_TYPE.horizontal, qc, dos, doPrices, factor: 1, mpcCount: 1, totalEpochs: 2 };
  const oldStart = await market.balance(oldMpc);
  const newStart = await market.balance(newMpc);
  const id = await market.dispatchedJob(gds, terms, [oldMpc], mpcPrice);
  const job = await market.job(id);
  const price = priceOf(JOB_TYPE.horizontal, doPrices, 1n, 1n, mpcPrice, BigInt(job.params.gdsFeeBps));

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
  expect((await market.job(id)).state).toBe(JOB_STATE.completed);

  // ── On chain: the new MPC is paid its fee, the replaced one nothing ──
  const expected = completion({
    qc,
    gds,
    paid: price.total,
    price,
    paidMembers: [
      ...dos.map((who, i) => ({ who, fee: price.doFees[i]! })),
      { who: newMpc, fee: price.mpcFee },
    ],
  });
  const settled = await market.settlement(id);
  expect(settled.rewards).toEqual(expected.rewards);
  expect(settled.rewardOf(oldMpc)).toBe(0n);
  expect(await market.balance(oldMpc)).toBe(oldStart);
  expect(await market.balance(newMpc)).toBe(newStart + price.mpcFee);

  // ── On screen: the job page lists the replacement and pays only the new MPC ──
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-timeline")).toContainText("MpcReplaced");
  const breakdown = page.getByTestId("settlement-breakdown");
  await expect(breakdown.getByTestId(`outcome-${newMpc.toLowerCase()}`)).toContainText(coin(price.mpcFee));
  await expect(breakdown.getByTestId(`outcome-${oldMpc.toLowerCase()}`)).toHaveCount(0);
});
