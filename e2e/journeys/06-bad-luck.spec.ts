// Journey 6 (bad luck): a rejected signature, the wallet on the wrong chain, the RPC going away and
// coming back. Each shows a readable message, and nothing is sent or lost.
import type { Page } from "@playwright/test";
import type { Address } from "viem";
import type { TestChain } from "../fixtures/chain.ts";
import { e2eEnvironment } from "../fixtures/e2e-env.ts";
import { AppRpc } from "./support/app-rpc.ts";
import { cast } from "./support/constants.ts";
import type { Market } from "./support/market.ts";
import { startTcpGate } from "../../scripts/lib/tcp-gate.ts";
import { expect, test } from "./support/test.ts";
import { goTo, openApp } from "./support/ui.ts";

const node = cast.dos[4]!;
test.use({ walletAccount: node });

/** What the chain knows of the node's activity: nonce and last heartbeat. */
async function footprint(market: Market, chain: TestChain, who: Address = node) {
  const nonce = await chain.publicClient.getTransactionCount({ address: who, blockTag: "latest" });
  return { nonce, lastHeartbeat: (await market.node(who)).lastHeartbeat };
}

const heartbeatButton = (page: Page) => page.getByTestId("heartbeat-button");
const heartbeatStatus = (page: Page) => page.getByTestId("heartbeat-button-status");

test.describe("journey 6: bad luck", () => {
  test("a rejected signature says so, sends nothing, and the next try goes through", async ({
    page,
    jw,
    market,
    chain,
  }) => {
    await openApp(page, jw);
    await goTo(page, "Node");
    const before = await footprint(market, chain);

    jw.rejectNextSignatures(1);
    await heartbeatButton(page).click();
    await expect(heartbeatStatus(page)).toHaveText("You rejected the signature; nothing was sent.");
    expect(jw.signatureRequests).toBe(1);
    expect(jw.sent).toHaveLength(0);
    expect(await footprint(market, chain)).toEqual(before);

    await heartbeatButton(page).click();
    await expect(heartbeatStatus(page)).toContainText("Confirmed in block");
    expect(jw.sent).toHaveLength(1);
    const after = await footprint(market, chain);
    expect(after.nonce).toBe(before.nonce + 1);
    expect(after.lastHeartbeat).toBeGreaterThan(before.lastHeartbeat);
  });

  test("a wallet on another chain is asked to switch, sends nothing there, and works once back", async ({
    page,
    jw,
    market,
    chain,
  }) => {
    await openApp(page, jw);
    await goTo(page, "Node");
    const before = await footprint(market, chain);

    await jw.switchChainTo(1);
    const banner = page.getByRole("alert").filter({ hasText: "Your wallet is on chain 1" });
    await expect(banner).toBeVisible();
    await heartbeatButton(page).click();
    await expect(heartbeatStatus(page)).toContainText(/chain|network|switch/i);
    expect(jw.sent).toHaveLength(0);
    expect(await footprint(market, chain)).toEqual(before);

    await banner.getByRole("button", { name: /Switch to/ }).click();
    await expect(banner).toBeHidden();
    await heartbeatButton(page).click();
    await expect(heartbeatStatus(page)).toContainText("Confirmed in block");
    expect((await footprint(market, chain)).nonce).toBe(before.nonce + 1);
  });

  test("the RPC going away: a send fails readably with nothing sent, and all resumes", async ({
    page,
    jw,
    market,
    chain,
  }) => {
    const env = e2eEnvironment();
    const gate = await startTcpGate(new URL(env.rpcUrl));
    try {
      // The app and the wallet both reach the node through the gate.
      await AppRpc.redirect(page, env.rpcUrl, gate.url);
      jw.pointTo(gate.url);
      await openApp(page, jw);
      await goTo(page, "Node");
      const blockShown = page.getByTestId("block-number");
      await expect(blockShown).toHaveText(String(await chain.blockNumber()));
      const before = await footprint(market, chain);

      await gate.close();
      await heartbeatButton(page).click();
      await expect(heartbeatStatus(page)).toContainText(/connect|reach|network|request failed/i, {
        timeout: 20_000,
      });
      expect(jw.sent).toHaveLength(0);
      expect(await footprint(market, chain)).toEqual(before);

      await gate.open();
      const mined = await chain.mine(1);
      await expect(blockShown).toHaveText(String(mined), { timeout: 20_000 });
      await heartbeatButton(page).click();
      await expect(heartbeatStatus(page)).toContainText("Confirmed in block");
      expect((await footprint(market, chain)).nonce).toBe(before.nonce + 1);
    } finally {
      await gate.close();
    }
  });

  // A real wallet on chain 1 would sign and send there: the app must ask to switch and not reach it.
  test("on the wrong chain the app asks to switch instead of asking the wallet to sign", async ({
    page,
    jw,
  }) => {
    await openApp(page, jw);
    await goTo(page, "Node");
    await jw.switchChainTo(1);
    await expect(page.getByRole("alert").filter({ hasText: "Your wallet is on chain 1" })).toBeVisible();
    await heartbeatButton(page).click();
    await expect(heartbeatStatus(page)).toContainText(/switch/i);
    expect(jw.signatureRequests).toBe(0);
  });

  // Users must not act on a stale block number without knowing the node is gone.
  test("the RPC going away is flagged in the header, and the flag clears when it comes back", async ({
    page,
    chain,
  }) => {
    const env = e2eEnvironment();
    const gate = await startTcpGate(new URL(env.rpcUrl));
    try {
      await AppRpc.redirect(page, env.rpcUrl, gate.url);
      await page.goto("/");
      await expect(page.getByTestId("block-number")).toHaveText(String(await chain.blockNumber()));
      await gate.close();
      await expect(page.getByTestId("network-status")).toContainText("RPC unreachable", { timeout: 15_000 });
      await gate.open();
      const mined = await chain.mine(1);
      await expect(page.getByTestId("block-number")).toHaveText(String(mined), { timeout: 15_000 });
    } finally {
      await gate.close();
    }
  });
});
