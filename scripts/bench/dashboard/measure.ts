// The measurements in the browser: opening the dashboard (milestones since navigation start) and the
// time from mining a block with a feed event to that event on screen.
import type { BrowserContext, Page } from "@playwright/test";
import { encodeFunctionData, type Hex, numberToHex } from "viem";
import { jobMarketAbi } from "../../../src/protocol/generated/abis.ts";
import type { MarketFixture } from "../../../src/services/shared/testing/market-fixture.ts";
import { traceRpc } from "./rpc-trace.ts";
import { installPageMarks, type Milestones } from "./page-marks.ts";

export const DASHBOARD_PATH = "/dashboard";
const MILESTONES: (keyof Milestones)[] = ["heading", "jobRows", "allJobs", "nodeRows", "feed"];

/** Opens the dashboard in `context` and returns when every milestone was reached (ms since navigation). */
export async function openDashboard(
  context: BrowserContext,
  baseUrl: string,
  expectedJobs: number,
  /** Record the page's requests to this RPC URL (--trace). */
  traceRpcUrl?: string,
): Promise<{ page: Page; milestones: Required<Milestones>; trace?: string }> {
  // tsx compiles this module with keepNames: the serialised function calls esbuild's __name helper,
  // which the page lacks.
  await context.addInitScript({
    content: `var __name = (f) => f; (${installPageMarks.toString()})(${expectedJobs});`,
  });
  const page = await context.newPage();
  const printTrace = traceRpcUrl ? traceRpc(page, traceRpcUrl) : undefined;
  await page.goto(baseUrl + DASHBOARD_PATH);
  await page
    .waitForFunction(
      (names) => names.every((name) => window.__benchMarks?.milestones[name] !== undefined),
      MILESTONES,
      { timeout: 60_000, polling: 100 },
    )
    .catch(async (error: unknown) => {
      const seen = await page.evaluate(() => window.__benchMarks?.milestones).catch(() => undefined);
      const text = await page
        .locator("main")
        .innerText()
        .catch(() => "");
      throw new Error(
        `The dashboard did not finish loading: reached ${JSON.stringify(seen)}\n${text.slice(0, 1500)}`,
        {
          cause: error,
        },
      );
    });
  const milestones = await page.evaluate(() => window.__benchMarks!.milestones);
  return { page, milestones: milestones as Required<Milestones>, trace: await printTrace?.() };
}

const TASK_TRAINING = 0;
const STATUS_IN_PROGRESS = 1;

/**
 * One JobStatusUpdated (a feed event) in a block of its own: the status update waits in the pool
 * (automine off) and the block is mined at a known time. Returns that time and the feed item's test id.
 */
async function mineStatusUpdate(f: MarketFixture, from: Hex, job: Hex, batch: number) {
  const data = encodeFunctionData({
    abi: jobMarketAbi,
    functionName: "updateJobStatus",
    args: [job, { taskType: TASK_TRAINING, epoch: 0, batch, status: STATUS_IN_PROGRESS }],
  });
  const hash = await f.rpc<Hex>("eth_sendTransaction", [
    { from, to: f.market, data, gas: numberToHex(500_000n) },
  ]);
  const minedAt = Date.now();
  await f.rpc("evm_mine");
  const receipt = await f.ctx.publicClient.getTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`The status update ${hash} reverted`);
  const log = receipt.logs.find((l) => l.address.toLowerCase() === f.market.toLowerCase());
  if (!log) throw new Error(`The status update ${hash} emitted no market event`);
  return { minedAt, testId: `feed-item-${receipt.blockNumber}-${log.logIndex}` };
}

/** Latency samples (ms) from mining a block with a new feed event to that event on screen. */
export async function measureEventLatency(
  f: MarketFixture,
  page: Page,
  from: Hex,
  jobs: readonly Hex[],
): Promise<number[]> {
  const samples: number[] = [];
  await f.rpc("evm_setAutomine", [false]);
  try {
    for (const [i, job] of jobs.entries()) {
      // Spread the blocks over the app's polling phase.
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 900));
      const { minedAt, testId } = await mineStatusUpdate(f, from, job, i);
      const handle = await page.waitForFunction((id) => window.__benchMarks?.feedItems[id], testId, {
        timeout: 15_000,
        polling: 50,
      });
      samples.push(((await handle.jsonValue()) as number) - minedAt);
    }
  } finally {
    await f.rpc("evm_setAutomine", [true]);
  }
  return samples;
}
