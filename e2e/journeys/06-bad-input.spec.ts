// Journey 6 (bad input), on the GDS's order form: an invalid address, a node without enough free
// stake, a job id that already exists. Each shows a readable message; nothing reaches the wallet.
import type { Page } from "@playwright/test";
import { getAddress } from "viem";
import { JobType } from "../../src/protocol/enums.ts";
import { cast } from "./support/constants.ts";
import { expect, test } from "./support/test.ts";
import { goTo, jobIdOfUuid, openApp, shortId } from "./support/ui.ts";

const gds = cast.gds;
const qc = cast.qcs[0]!;
const dos = [cast.dos[0]!, cast.dos[3]!];

test.use({ walletAccount: gds });

const orderForm = (page: Page) => page.getByTestId("place-order");
const placeStatus = (page: Page) => orderForm(page).getByTestId("place-order-button-status");

/** Fills a complete order: the two DOs at `doPrice` (as typed), one MPC, two epochs. */
async function fillOrder(page: Page, doPrice: string): Promise<void> {
  const form = orderForm(page);
  await form.getByTestId("order-qc").fill(qc);
  for (const d of dos) {
    await form.getByTestId(`order-dos-pick-${d.toLowerCase()}`).check();
    await form.getByTestId(`order-price-${d.toLowerCase()}`).fill(doPrice);
  }
  await form.getByTestId("order-mpc-count").fill("1");
  await form.getByTestId("order-epochs").fill("2");
  await form.getByTestId("order-mpc-price").fill("0.05");
}

test.describe("journey 6: bad input on the order form", () => {
  test("an invalid QC address is explained and the order cannot be sent", async ({ page, jw }) => {
    await openApp(page, jw);
    await goTo(page, "GDS");
    await fillOrder(page, "0.1");
    const button = orderForm(page).getByTestId("place-order-button");
    await expect(button).toBeEnabled();

    const qcField = orderForm(page).getByLabel("QC address");
    await qcField.fill("0x1234");
    await expect(qcField).toHaveAttribute("aria-invalid", "true");
    await expect(orderForm(page)).toContainText("Not an address (0x and 40 hex digits).");
    await expect(placeStatus(page)).toHaveText("QC address: Not an address (0x and 40 hex digits).");
    await expect(button).toBeDisabled();

    // One mistyped letter of a checksummed address.
    const typo = qc.slice(0, -1) + (qc.endsWith("C") ? "c" : "C");
    expect(getAddress(typo.toLowerCase())).toBe(qc);
    await qcField.fill(typo);
    await expect(placeStatus(page)).toContainText("checksum");
    await expect(button).toBeDisabled();
    expect(jw.signatureRequests).toBe(0);
  });

  test("a DO without enough free stake for the collateral is named, with its stake", async ({
    page,
    jw,
    market,
    units: { typed, coin },
  }) => {
    await openApp(page, jw);
    await goTo(page, "GDS");
    const free = await market.balance(dos[0]!);
    // Each DO's price is most of DO 1's free stake: the collateral (their sum) exceeds it.
    const doPrice = (free * 3n) / 4n;
    await fillOrder(page, typed(doPrice));
    const collateral = doPrice * 2n;
    expect(collateral).toBeGreaterThan(free);
    await expect(placeStatus(page)).toContainText(
      `it has only ${coin(free)} free (this job needs ${coin(collateral)}).`,
    );
    await expect(orderForm(page).getByTestId("place-order-button")).toBeDisabled();
    await expect(orderForm(page).getByTestId("order-dos")).toContainText("below the collateral");
    expect(jw.signatureRequests).toBe(0);
  });

  test("a job id that already exists is refused before the wallet opens; a new id goes through", async ({
    page,
    jw,
    market,
    units: { amount, coin },
  }) => {
    await openApp(page, jw);
    await goTo(page, "GDS");
    await fillOrder(page, "0.1");
    const id = jobIdOfUuid(await orderForm(page).getByTestId("order-id").innerText());
    // Meanwhile the same id is used elsewhere (another console tab of the GDS).
    await market.placeOrder(
      gds,
      {
        jobType: JobType.Horizontal,
        qc,
        dos: [cast.dos[1]!],
        doPrices: [amount("0.1")],
        factor: 1,
        mpcCount: 1,
        totalEpochs: 1,
      },
      amount("0.05"),
      id,
    );
    const jobsBefore = await market.jobCount();

    await orderForm(page).getByTestId("place-order-button").click();
    await expect(placeStatus(page)).toHaveText(
      `A job with the id ${shortId(id)} already exists: generate a new id.`,
    );
    expect(jw.signatureRequests).toBe(0);
    expect(await market.jobCount()).toBe(jobsBefore);

    await orderForm(page).getByRole("button", { name: "New id" }).click();
    const fresh = jobIdOfUuid(await orderForm(page).getByTestId("order-id").innerText());
    expect(fresh).not.toBe(id);
    await orderForm(page).getByTestId("place-order-button").click();
    await expect(placeStatus(page)).toContainText("Confirmed in block");
    expect(await market.jobCount()).toBe(jobsBefore + 1n);
    const placed = await market.job(fresh);
    expect(placed.qc).toBe(qc);
    expect(placed.collateral).toBe(amount("0.2"));
    await expect(orderForm(page)).not.toContainText(coin(placed.quote)); // the form was reset
  });
});
