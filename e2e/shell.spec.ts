import { connectDevWallet, connectInjectedWallet, devAccount, expect, test } from "./fixtures/test.ts";

test.describe("app shell", () => {
  test("the dev-account wallet connects, switches role, and the block number follows the chain", async ({
    page,
    chain,
  }) => {
    await page.goto("/");
    await expect(page.getByTestId("contract-address")).toContainText(chain.market.address.slice(0, 6));

    const qc = devAccount("qc", 1);
    await connectDevWallet(page, qc);
    await expect(page.getByTestId("connected-address")).toHaveText(qc.address);

    const blockShown = page.getByTestId("block-number");
    const before = await chain.blockNumber();
    await expect(blockShown).toHaveText(before.toString());
    const after = await chain.mine(1);
    await expect(blockShown).toHaveText(after.toString());
  });

  test("the dev-account wallet stays connected across a reload, as the account last picked", async ({
    page,
  }) => {
    await page.goto("/");
    const dataOwner = devAccount("do", 3);
    await connectDevWallet(page, dataOwner);
    await page.reload();
    await expect(page.getByTestId("connected-address")).toHaveText(dataOwner.address);
    await expect(page.getByLabel("Dev account")).toHaveValue(String(dataOwner.index));
  });

  test("an injected wallet (EIP-6963) connects and shows its account", async ({ page, wallet, chain }) => {
    await page.goto("/");
    await connectInjectedWallet(page, wallet);
    await expect(page.getByTestId("connected-address")).toContainText(wallet.address);

    const mpc = devAccount("mpc", 2);
    await wallet.switchAccount(mpc.address);
    await expect(page.getByTestId("connected-address")).toContainText(mpc.address);

    const after = await chain.mine(3);
    await expect(page.getByTestId("block-number")).toHaveText(after.toString());
  });

  test("a wallet on another chain gets a switch prompt, not a broken page", async ({ page, wallet }) => {
    await page.goto("/");
    await connectInjectedWallet(page, wallet);
    await wallet.switchChainTo(1);
    const banner = page.getByRole("alert");
    await expect(banner).toContainText("Your wallet is on chain 1");
    await banner.getByRole("button", { name: /Switch to/ }).click();
    await expect(banner).toBeHidden();
    await expect(page.locator("main")).not.toBeEmpty();
  });

  test("every page of the app loads from its own route", async ({ page }) => {
    for (const path of [
      "/",
      "/qc",
      "/node",
      "/gds",
      "/dashboard",
      "/admin",
      "/jobs/0x00000000000000000000000000000001",
    ]) {
      await page.goto(path);
      await expect(page.getByText("Loading page…")).toHaveCount(0);
      await expect(page.locator("main")).not.toBeEmpty();
      await expect(page.getByText("This page failed")).toHaveCount(0);
      await expect(page.getByText("Page not found")).toHaveCount(0);
    }
  });
});
