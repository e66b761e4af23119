// What the watcher's anvil test files share: short deadlines, a small job, and one market per file
// with every test starting from the same chain (a snapshot taken before it, reverted after it).
import type { Hex } from "viem";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import {
  dos,
  type JobSpec,
  type MarketFixture,
  mpcs,
  startMarket,
} from "../../shared/testing/market-fixture.ts";

export const TIMEOUT_BLOCKS = 20;
export const ORDER_EXPIRY_BLOCKS = 10;
export const ABORT_GRACE_BLOCKS = 5;

/** Three DOs at 1,000 wei and one MPC at 500 wei (F = 1), Horizontal. */
export const spec: JobSpec = {
  jobDos: dos.slice(0, 3),
  doPrices: [1_000n, 1_000n, 1_000n],
  jobMpcs: mpcs.slice(0, 1),
  mpcPrice: 500n,
};

/**
 * Starts anvil with the market for this file; `ready` receives the fixture (and may set up what
 * every test needs: it is inside the snapshot). Automine is switched back on after each test.
 */
export function useMarket(ready: (f: MarketFixture) => void | Promise<void>): void {
  let f: MarketFixture | undefined;
  let snapshotId: Hex;
  beforeAll(async () => {
    f = await startMarket({
      timeoutBlocks: TIMEOUT_BLOCKS,
      orderExpiryBlocks: ORDER_EXPIRY_BLOCKS,
      abortGraceBlocks: ABORT_GRACE_BLOCKS,
    });
    await ready(f);
  }, 60_000);
  afterAll(async () => {
    await f?.stop();
  });
  beforeEach(async () => {
    snapshotId = await f!.rpc<Hex>("evm_snapshot");
  });
  afterEach(async () => {
    await f!.rpc("evm_setAutomine", [true]);
    await f!.rpc("evm_revert", [snapshotId]);
  });
}
