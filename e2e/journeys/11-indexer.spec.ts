// Journey 11: the app with the indexer beside the chain (as npm start runs it). The job page's
// timeline, the QC's refunds and the live feed's history come from the indexer, say so, and match
// the chain's own logs; a new event still reaches the feed within seconds. The spec starts its own
// indexer on the test chain and its own build of the app with VITE_INDEXER_URL (the shared build has
// none: the other journeys revert the chain further back than an indexer follows).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Request } from "@playwright/test";
import { createPublicClient, http, parseEventLogs, type Hex } from "viem";
import { build, preview, type PreviewServer } from "vite";
import { freePort } from "../../scripts/lib/anvil.ts";
import { readDeploymentRecord } from "../../scripts/lib/deployment-record.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { isSettled, JobType } from "../../src/protocol/enums.ts";
import { jobMarketAbi } from "../../src/protocol/generated/abis.ts";
import type { JobId } from "../../src/protocol/jobId.ts";
import { type IndexerProcess, startIndexerProcess } from "../../src/services/indexer/spawn.ts";
import { e2eEnvironment } from "../fixtures/e2e-env.ts";
import { cast } from "./support/constants.ts";
import { expect, test } from "./support/test.ts";
import { openApp } from "./support/ui.ts";

const FEED_KINDS = new Set(["JobDispatched", "JobStatusUpdated", "RewardDistributed", "Refund"]);
/** QC 2: the demo seed refunds it a cancelled job (scripts/seed.ts). */
const qc = cast.qcs[1]!;

test.use({ walletAccount: qc });
test.describe.configure({ mode: "serial" });

let indexer: IndexerProcess | undefined;
let server: PreviewServer | undefined;
let appUrl = "";
let deployBlock = 0n;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "fedpay-e2e-indexer-"));

const env = () => e2eEnvironment();
const client = () => createPublicClient({ transport: http(env().rpcUrl) });

async function chainLogs() {
  const logs = await client().getLogs({
    address: env().jobMarket,
    fromBlock: deployBlock,
    toBlock: "latest",
  });
  return parseEventLogs({ abi: jobMarketAbi, logs });
}

/** Until the indexer has indexed the chain's head. */
async function caughtUp() {
  await indexer!.indexed(await client().getBlockNumber({ cacheTime: 0 }), 60_000);
}

/** Every eth_getLogs the page sends, with its fromBlock (batched bodies included). */
function watchGetLogs(page: import("@playwright/test").Page): bigint[] {
  const froms: bigint[] = [];
  page.on("request", (request: Request) => {
    if (!request.url().startsWith(env().rpcUrl)) return;
    const body = request.postDataJSON() as unknown;
    for (const call of Array.isArray(body) ? body : [body]) {
      const { method, params } = call as { method?: string; params?: [{ fromBlock?: Hex }] };
      if (method === "eth_getLogs") froms.push(BigInt(params?.[0]?.fromBlock ?? "0x0"));
    }
  });
  return froms;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const record = readDeploymentRecord(env().deploymentFile);
  if (!record) throw new Error(`No deployment record at ${env().deploymentFile}`);
  deployBlock = BigInt(record.deployBlock);
  indexer = await startIndexerProcess({
    env: {
      FEDPAY_RPC_URL: env().rpcUrl,
      FEDPAY_MARKET: env().jobMarket,
      FEDPAY_START_BLOCK: String(record.deployBlock),
      FEDPAY_INDEXER_DATA_DIR: path.join(workDir, "pglite"),
      FEDPAY_INDEXER_POLL_MS: "100",
    },
    databaseUrl: "",
    port: await freePort(),
    log: (line) => {
      if (process.env.INDEXER_DEBUG) console.log(`[indexer] ${line}`);
    },
  });
  const indexerUrl = await indexer.url;
  const outDir = path.join(workDir, "dist");
  Object.assign(process.env, {
    VITE_RPC_URL: env().rpcUrl,
    VITE_CHAIN_ID: String(env().chainId),
    VITE_DEPLOYMENT: env().deploymentFile,
    VITE_INDEXER_URL: indexerUrl,
  });
  try {
    await build({ root: repoRoot, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    delete process.env.VITE_INDEXER_URL;
  }
  server = await preview({
    root: repoRoot,
    logLevel: "warn",
    build: { outDir },
    preview: { host: "127.0.0.1", port: await freePort(), strictPort: true },
  });
  appUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, "") ?? "";
  await caughtUp();
});

test.afterAll(async () => {
  await indexer?.stop();
  if (server) await new Promise<void>((resolve) => server!.httpServer.close(() => resolve()));
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Every job's live view on the chain, oldest first. */
async function chainJobs() {
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    client().readContract({
      address: env().jobMarket,
      abi: jobMarketAbi,
      functionName,
      args,
    } as never) as Promise<T>;
  const count = Number(await read<bigint>("jobCount"));
  const ids = await Promise.all(Array.from({ length: count }, (_, i) => read<JobId>("jobIdAt", [BigInt(i)])));
  return Promise.all(ids.map((id) => read<{ id: JobId; qc: string; state: number }>("getJob", [id])));
}

/** Every Refund log's positive amount to the QC, oldest first (what the refunds table lists). */
async function refundsToQc(): Promise<{ id: JobId; amount: bigint }[]> {
  return (await chainLogs()).flatMap((l) => {
    if (l.eventName !== "Refund") return [];
    const { id, recipients, amounts } = l.args;
    const amount = recipients.reduce((sum, r, i) => (r === qc ? sum + amounts[i]! : sum), 0n);
    return amount > 0n ? [{ id, amount }] : [];
  });
}

/** The seeded job refunded to the QC: its id and the refund. */
async function refundedJob(): Promise<{ id: JobId; amount: bigint }> {
  const [refund] = await refundsToQc();
  if (!refund) throw new Error("The demo seed refunded nothing to QC 2");
  return refund;
}

test("the job page's timeline comes from the indexer and is the chain's", async ({ page, jw }) => {
  const { id } = await refundedJob();
  const getLogs = watchGetLogs(page);
  await openApp(page, jw, `${appUrl}/jobs/${id}`);
  const timeline = page.getByTestId("job-timeline");
  const expected = (await chainLogs()).filter((l) => (l.args as { id?: Hex }).id === id);
  await expect(timeline.locator("li")).toHaveCount(expected.length);
  await expect(page.getByTestId("history-source")).toHaveAttribute("data-source", "indexer");
  await expect(page.getByTestId("history-source")).toHaveText("History: indexer");
  const shown = await timeline.locator("li > span:nth-child(2)").allTextContents();
  expect(shown).toEqual(expected.map((l) => l.eventName));
  const blocks = await timeline.locator("li > span:first-child").allTextContents();
  expect(blocks).toEqual(expected.map((l) => `block ${l.blockNumber}`));
  // The timeline did not scan the chain: no eth_getLogs from the job's order or the deployment.
  expect(getLogs.filter((from) => from <= expected[0]!.blockNumber)).toEqual([]);
});

test("the QC's refunds come from the indexer and are the chain's", async ({ page, jw, units }) => {
  const { id, amount } = await refundedJob();
  const getLogs = watchGetLogs(page);
  await openApp(page, jw, `${appUrl}/qc`);
  const refunds = page.getByTestId("qc-refunds");
  await expect(refunds.getByTestId(`refund-${id}`)).toContainText(units.coin(amount));
  await expect(refunds.getByTestId("history-source")).toHaveAttribute("data-source", "indexer");
  await expect(refunds.locator("tbody tr")).toHaveCount((await refundsToQc()).length);
  // Neither the refunds nor the QC's own jobs were scanned from the deployment.
  expect(getLogs.filter((from) => from <= deployBlock + 1n)).toEqual([]);
});

test("the QC's open and settled jobs come from the indexer and are the chain's", async ({ page, jw }) => {
  await caughtUp();
  const mine = (await chainJobs()).filter((j) => j.qc === qc).reverse();
  const open = mine.filter((j) => !isSettled(j.state));
  const settled = mine.filter((j) => isSettled(j.state));
  expect(settled.length, "the demo seed settles jobs of QC 2").toBeGreaterThan(0);
  const getLogs = watchGetLogs(page);
  await openApp(page, jw, `${appUrl}/qc`);
  const openSection = page.getByTestId("qc-open-jobs");
  await expect(openSection.getByTestId("history-source")).toHaveAttribute("data-source", "indexer");
  await expect(
    page.getByRole("region", { name: `Open jobs addressed to me (${open.length})` }),
  ).toBeVisible();
  await expect(openSection.getByRole("article")).toHaveCount(Math.min(open.length, 5));
  const cards = await openSection
    .getByRole("article")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  expect(cards).toEqual(open.slice(0, 5).map((j) => `job-row-${j.id}`));
  const settledTable = page.getByRole("region", { name: `Settled jobs (${settled.length})` });
  await expect(settledTable.locator("tbody tr")).toHaveCount(Math.min(settled.length, 20));
  const rows = await settledTable
    .locator("tbody tr")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
  expect(rows).toEqual(settled.slice(0, 20).map((j) => `job-row-${j.id}`));
  expect(getLogs.filter((from) => from <= deployBlock + 1n)).toEqual([]);
});

test.describe("a node's page", () => {
  const node = cast.dos[0]!;
  test.use({ walletAccount: node });

  test("its open and settled jobs come from the indexer and are the chain's", async ({ page, jw }) => {
    await caughtUp();
    const lockedIn = new Set(
      (await chainLogs()).flatMap((l) =>
        l.eventName === "CollateralLocked" && l.args.node === node ? [l.args.id] : [],
      ),
    );
    const jobs = (await chainJobs()).filter((j) => lockedIn.has(j.id));
    const open = jobs.filter((j) => !isSettled(j.state));
    const settled = jobs.filter((j) => isSettled(j.state));
    expect(jobs.length, "the demo seed locks DO 1 in jobs").toBeGreaterThan(0);
    await openApp(page, jw, `${appUrl}/node`);
    const openSection = page.getByTestId("node-open-jobs");
    await expect(openSection.getByTestId("history-source")).toHaveAttribute("data-source", "indexer");
    await expect(page.getByRole("region", { name: `My open jobs (${open.length})` })).toBeVisible();
    await expect(openSection.getByRole("article")).toHaveCount(Math.min(open.length, 5));
    const settledSection = page.getByRole("region", { name: `My settled jobs (${settled.length})` });
    await expect(settledSection.locator("tbody tr")).toHaveCount(Math.min(settled.length, 20));
    const rows = await settledSection
      .locator("tbody tr")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    const settledIds = new Set(settled.map((j) => `job-row-${j.id}`));
    expect(rows.every((r) => settledIds.has(r!))).toBe(true);
  });
});

test("the live feed's history comes from the indexer, and a new event still arrives", async ({
  page,
  jw,
  market,
  units,
}) => {
  await openApp(page, jw, `${appUrl}/dashboard`);
  const feed = page.getByTestId("live-feed");
  await expect(feed.getByTestId("history-source")).toHaveAttribute("data-source", "indexer");
  const newest = (await chainLogs())
    .filter((l) => FEED_KINDS.has(l.eventName))
    .slice(-10)
    .reverse();
  const items = feed.locator("li");
  await expect(items.first()).toHaveAttribute(
    "data-testid",
    `feed-item-${newest[0]!.blockNumber}-${newest[0]!.logIndex}`,
  );
  const ids = await items.evaluateAll((els) => els.slice(0, 10).map((e) => e.getAttribute("data-testid")));
  expect(ids).toEqual(newest.map((l) => `feed-item-${l.blockNumber}-${l.logIndex}`));

  // A dispatch now: on screen within seconds (the chain's newest blocks fill what the indexer has not yet).
  const id = await market.dispatchedJob(
    cast.gds,
    {
      jobType: JobType.Horizontal,
      qc,
      dos: [cast.dos[0]!],
      doPrices: [units.amount("0.01")],
      factor: 1,
      mpcCount: 1,
      totalEpochs: 1,
    },
    [cast.mpcs[0]!],
    units.amount("0.01"),
  );
  const dispatched = (await chainLogs()).find(
    (l) => l.eventName === "JobDispatched" && (l.args as { id: Hex }).id === id,
  )!;
  await expect(feed.getByTestId(`feed-item-${dispatched.blockNumber}-${dispatched.logIndex}`)).toBeVisible({
    timeout: 5_000,
  });
  await caughtUp();
});
