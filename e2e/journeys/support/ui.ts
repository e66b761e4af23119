// How a user moves through the app: header links, the acting account in the wallet, amounts as
// the app prints them.
import type { Locator, Page } from "@playwright/test";
import { type Address, parseUnits } from "viem";
import type { PaymentAsset } from "../../../src/protocol/asset.ts";
import { amountInputText, formatAmount } from "../../../src/protocol/units.ts";
import { connectInjectedWallet, expect } from "../../fixtures/test.ts";
import type { JourneyWallet } from "./journey-wallet.ts";

/**
 * Amounts in a market's asset (docs/rules.md §12), as a journey writes, types and reads them:
 * `amount("0.1")` in smallest units (0.1 fdUSD = 100,000), `typed(x)` as an input takes it, `coin(x)`
 * exactly as the app shows it, e.g. "0.33 fdUSD".
 */
export function unitsOf(asset: PaymentAsset) {
  return {
    amount: (text: string) => parseUnits(text, asset.decimals),
    typed: (value: bigint) => amountInputText(value, asset.decimals),
    coin: (value: bigint) => formatAmount(value, asset),
  };
}

/** Opens the app and connects the journey wallet through RainbowKit (EIP-6963). */
export async function openApp(page: Page, jw: JourneyWallet, path = "/"): Promise<void> {
  await page.goto(path);
  await connectInjectedWallet(page, jw);
}

/** Follows a header link, as a user moves between pages (no reload). */
export async function goTo(
  page: Page,
  label: "Home" | "QC" | "Node" | "GDS" | "Dashboard" | "Arbiter" | "Admin",
) {
  await page
    .getByRole("navigation", { name: "Pages" })
    .getByRole("link", { name: label, exact: true })
    .click();
  await expect(page.getByText("Loading page…")).toHaveCount(0);
}

/** The user picks another account in the wallet; resolves when the header shows it. */
export async function actAs(page: Page, jw: JourneyWallet, account: Address): Promise<void> {
  await jw.switchAccount(account);
  await expect(page.getByTestId("connected-address")).toContainText(account);
}

/** The card of job `id` on the QC or node page. */
export function jobCard(page: Page, id: string): Locator {
  return page.getByTestId(`job-row-${id}`);
}

/**
 * Presses a TxButton (and "Yes" when it asks first) and waits for "Confirmed in block …".
 * The app simulates, estimates, asks the wallet, then waits for the receipt.
 */
export async function sendTx(page: Page, testId: string, options: { confirm?: boolean } = {}): Promise<void> {
  await page.getByTestId(testId).click();
  if (options.confirm) await page.getByTestId(`${testId}-yes`).click();
  await expect(page.getByTestId(`${testId}-status`)).toContainText("Confirmed in block", { timeout: 15_000 });
}

/** The bytes16 job id of a UUID as the app prints it. */
export function jobIdOfUuid(uuid: string): `0x${string}` {
  return `0x${uuid.trim().replaceAll("-", "").toLowerCase()}`;
}

/** The short id the app links jobs with (first 8 hex digits of the UUID). */
export function shortId(id: string): string {
  return id.slice(2, 10);
}

/**
 * On the node page, posts a progress report through the job card's form: epoch (a number or
 * "ALL"), batch ALL, status Completed. Resolves when the chain confirmed it.
 */
export async function postEpochCompleted(page: Page, id: string, epoch: number | "ALL"): Promise<void> {
  const card = jobCard(page, id);
  await card.getByTestId(`status-status-${id}`).selectOption({ label: "Completed" });
  const epochAll = card.getByTestId(`status-epoch-${id}-all`);
  if (epoch === "ALL") await epochAll.check();
  else {
    await epochAll.uncheck();
    await card.getByTestId(`status-epoch-${id}`).fill(String(epoch));
    await card.getByTestId(`status-batch-${id}-all`).check();
  }
  await card.getByTestId(`status-button-${id}`).click();
}

/** The live feed's entries of one kind for one job. */
export function feedItems(page: Page, eventName: string, id: string): Locator {
  return page
    .getByTestId("live-feed")
    .locator(`li[data-event="${eventName}"]`)
    .filter({ has: page.getByRole("link", { name: shortId(id), exact: true }) });
}
