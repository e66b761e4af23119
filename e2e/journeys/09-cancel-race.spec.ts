// Journey 9: the QC's free cancel of an Ordered job loses the race against the GDS's assignMpcs, mined
// before it in the same block. Release 1 made it a 60 % fine; now the cancel signed maxFine = 0 (the fine
// on screen) and reverts when mined: the page says why in plain words and the QC's money is untouched
// (docs/rules.md §11.2).
import { parseEther } from "viem";
import { JobState, JobType } from "../../src/protocol/enums.ts";
import { jobMarketAbi } from "../../src/protocol/generated/abis.ts";
import { cancellationFine } from "../../src/protocol/money/index.ts";
import { cast } from "./support/constants.ts";
import { expect, test } from "./support/test.ts";
import { goTo, jobCard, openApp } from "./support/ui.ts";

const gds = cast.gds;
const qc = cast.qcs[1]!;
const dos = [cast.dos[1]!, cast.dos[3]!];
const doPrices = [parseEther("0.1"), parseEther("0.3")];
const mpc = cast.mpcs[2]!;
const mpcPrice = parseEther("0.02");

// The native-coin market: journeys 1, 2 and 12 (token payments) cover the token's units.
test.use({ walletAccount: qc, marketVariant: "native" });

test("journey 9: a free cancel that loses the race to assignMpcs reverts in words and costs the QC nothing", async ({
  page,
  jw,
  market,
  units,
  chain,
}) => {
  const { coin } = units;
  test.setTimeout(90_000);
  const terms = { jobType: JobType.Horizontal, qc, dos, doPrices, factor: 1, mpcCount: 1, totalEpochs: 2 };
  const id = await market.placeOrder(gds, terms, mpcPrice);
  const quote = (await market.job(id)).quote;
  await market.pay(qc, id, quote);
  const balanceBefore = await market.balance(qc);

  await openApp(page, jw);
  await goTo(page, "QC");
  const card = jobCard(page, id);
  await expect(card.getByTestId(`cancel-fine-${id}`)).toHaveText(coin(0n));

  // Both transactions go into one block: blocks are mined only on request from here on.
  await chain.rpc("evm_setAutomine", [false]);
  try {
    const sentBefore = jw.sent.length;
    await card.getByTestId(`cancel-button-${id}`).click();
    await card.getByTestId(`cancel-button-${id}-yes`).click();
    await expect.poll(() => jw.sent.length).toBe(sentBefore + 1);
    // The GDS's assignMpcs, sent after it but with a higher tip: mined first in the block (anvil orders
    // by fee), it dispatches the job (the QC already paid the quote), so the cancel would now cost 60 %.
    const assign = await chain.walletFor(gds).writeContract({
      chain: null,
      account: gds,
      address: market.address,
      abi: jobMarketAbi,
      functionName: "assignMpcs",
      args: [id, [mpc], mpcPrice],
      gas: 1_500_000n,
      maxPriorityFeePerGas: parseEther("0.0000001"),
      maxFeePerGas: parseEther("0.000001"),
    });
    await chain.mine(1);
    const [assigned, cancelled] = await Promise.all([
      market.receipt(assign),
      market.receipt(jw.sent.at(-1)!),
    ]);
    expect(assigned.status).toBe("success");
    expect(cancelled.status).toBe("reverted");
    expect(cancelled.blockNumber).toBe(assigned.blockNumber);
    expect(cancelled.transactionIndex).toBeGreaterThan(assigned.transactionIndex);

    // On screen: the mined revert in words, not "reverted".
    const job = await market.job(id);
    const fine = cancellationFine(job.totalPrice, job.params.cancelFineBps);
    const status = card.getByTestId(`cancel-button-${id}-status`);
    await expect(status).toContainText(
      `mined in block ${cancelled.blockNumber} but reverted: only its gas was spent.`,
    );
    await expect(status).toContainText(
      `would now cost ${coin(fine)}, more than the ${coin(0n)} you agreed to`,
    );
    await expect(status).toContainText("nothing was cancelled");
  } finally {
    await chain.rpc("evm_setAutomine", [true]);
  }

  // On chain: the job is dispatched, the QC's payment is still in it, its balance untouched: no fine.
  const job = await market.job(id);
  expect(job.state).toBe(JobState.Dispatched);
  expect(job.paid).toBe(quote);
  expect(await market.balance(qc)).toBe(balanceBefore);
  expect((await market.settlement(id)).fines).toEqual([]);
  // And the page now shows what a cancel would cost from here.
  await expect(card.getByTestId(`cancel-fine-${id}`)).toHaveText(
    coin(cancellationFine(job.totalPrice, job.params.cancelFineBps)),
  );
});
