// How a user moves through the app: header links, the acting account in the wallet, amounts as
// the app prints them.
import type { Locator, Page } from "@playwright/test";
import type { Address } from "viem";
import { formatCoin } from "../../../src/lib/units.ts";
import { connectInjectedWallet, expect } from "../../fixtures/test.ts";
import type { JourneyWallet } from "./journey-wallet.ts";

/** An amount exactly as the app shows it, e.g. "0.33 ETH". */
export function coin(wei: bigint): string {
  return `${formatCoin(wei)} ETH`;
}

/** Opens the app and connects the journey wallet through RainbowKit (EIP-6963). */
export async function openApp(page: Page, jw: JourneyWallet, path = "/"): Promise<void> {
  await page.goto(path);
  await connectInjectedWallet(page, jw);
}

/** Follows a header link, as a user moves between pages (no reload). */
export async function goTo(page: Page, label: "Home" | "QC" | "Node" | "GDS" | "Dashboard" | "Admin") {
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
