// @vitest-environment node
import { describe, expect, it } from "vitest";
import { devAccountsWithRole } from "../../protocol/devAccounts.ts";
import { backoffDelay } from "../shared/backoff.ts";
import { resolveMarket } from "../shared/market.ts";
import { createRpcCounter } from "../shared/rpc-counter.ts";
import { readSettings, resolveSigner } from "./config.ts";

describe("watcher settings", () => {
  it("defaults to the local chain, no settle delay, a status line every 20 blocks", () => {
    const s = readSettings({});
    expect(s).toMatchObject({
      rpcUrl: "http://127.0.0.1:8545",
      settleDelayBlocks: 0n,
      statusEveryBlocks: 20n,
    });
    expect(s.readMode).toBeUndefined();
  });

  it("refuses settings it cannot read rather than guessing", () => {
    expect(() => readSettings({ GDS_WATCHER_SETTLE_DELAY_BLOCKS: "-1" })).toThrow(/whole number/);
    expect(() => readSettings({ GDS_WATCHER_READ_MODE: "multicall" })).toThrow(/lens or rpc-batch/);
    expect(() => resolveMarket({ JOB_MARKET_ADDRESS: "0x1234" }, 31337)).toThrow(/not an address/);
  });

  it("signs as the demo GDS on the local chain only; elsewhere a key is required", () => {
    expect(resolveSigner({}, 31337).address).toBe(devAccountsWithRole("gds")[0]!.address);
    expect(() => resolveSigner({}, 1)).toThrow(/GDS_PRIVATE_KEY is required/);
    const key = `0x${"11".repeat(32)}`;
    expect(resolveSigner({ GDS_PRIVATE_KEY: key }, 1).address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(() => resolveSigner({ GDS_PRIVATE_KEY: "0x12" }, 1)).toThrow(/32-byte/);
  });
});

describe("backoff", () => {
  it("doubles from the base and stays at the cap", () => {
    const options = { baseMs: 500, maxMs: 15_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n, options))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000,
    ]);
  });
});

describe("rpc counter", () => {
  it("counts a batch as one HTTP request carrying many calls", async () => {
    const inner = (async () => new Response("[]")) as unknown as typeof fetch;
    const counter = createRpcCounter(inner);
    const start = counter.counts();
    await counter.fetchFn("http://x", {
      method: "POST",
      body: JSON.stringify({ method: "eth_blockNumber" }),
    });
    await counter.fetchFn("http://x", {
      method: "POST",
      body: JSON.stringify([
        { method: "eth_call" },
        { method: "eth_call" },
        { method: "eth_getTransactionCount" },
      ]),
    });
    expect(counter.since(start)).toEqual({
      httpRequests: 2,
      rpcCalls: 4,
      byMethod: { eth_blockNumber: 1, eth_call: 2, eth_getTransactionCount: 1 },
    });
  });
});
