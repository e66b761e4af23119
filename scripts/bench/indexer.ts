// `npm run bench:indexer`: what the job page, a QC's page with its refunds, a node's page and the
// dashboard cost with and without the indexer (SPEC.md §10: with the indexer ≤ 5 requests and ≤ 1 s
// per page, ≤ 2 s for the dashboard with 5,000 jobs and 50,000 events), on two chains it starts and
// fills itself: a fresh one (deploy, then the jobs), and an aged one (deploy, one early job, 2,000,000
// empty blocks, then the jobs). The early job is the job page's: its history spans the whole chain.
// Each chain is indexed from scratch by the real indexer (PGlite, a temporary folder), timed.
// Prints numbers, asserts nothing. Options: --jobs N (5000), --blocks N (2000000), --rounds N (3).
//
// Why the empty blocks come before the jobs: anvil's cost to mine a block grows with the chain's
// state (measured: 0.14 ms a block with the bare market, 4.6 ms with 200 jobs), so 2,000,000 blocks
// after 5,000 jobs would take days; before them, about five minutes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type Address, encodeFunctionData, type Hex } from "viem";
import { jobMarketAbi } from "../../src/protocol/generated/abis.ts";
import { startEmptyMarket } from "./dashboard/market.ts";
import { median } from "./dashboard/report.ts";
import { type Budget, row, type Runs, samples } from "./indexer/measure.ts";
import { appClient, dashboard, jobPage, type Market, nodePage, qcPage } from "./indexer/pages.ts";
import { seedJobs } from "./indexer/seed.ts";
import { dos } from "../../src/services/shared/testing/market-fixture.ts";
import { freePort } from "../lib/anvil.ts";
import { parseFlags } from "../lib/cli.ts";
import { type IndexerProcess, startIndexerProcess } from "../../src/services/indexer/spawn.ts";

const { values } = parseFlags(process.argv.slice(2));
const JOBS = Number(values.get("jobs") ?? 5_000);
const BLOCKS = Number(values.get("blocks") ?? 2_000_000);
const ROUNDS = Number(values.get("rounds") ?? 3);
const PAGE: Budget = { requests: 5, ms: 1_000 };
// The dashboard reads every job's and node's live state through the lens (pages of 200): its budget is time.
const DASHBOARD: Budget = { ms: 2_000 };
const FINALITY_BLOCKS = 30;
const LIVE_SAMPLES = 10;
/** Blocks per anvil_mine call: one call for 2M blocks runs for minutes with no sign of life. */
const MINE_CHUNK = 250_000;

const started = performance.now();
const say = (text: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${text}`);

async function mine(rpcUrl: string, blocks: number) {
  for (let left = blocks; left > 0; left -= MINE_CHUNK) {
    const n = Math.min(MINE_CHUNK, left);
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_mine", params: [`0x${n.toString(16)}`] }),
      signal: AbortSignal.timeout(30 * 60_000),
    });
    const body = (await response.json()) as { error?: { message: string } };
    if (body.error) throw new Error(`anvil_mine failed: ${body.error.message}`);
  }
}

/** How many events the market emitted: one eth_getLogs over its life (~50 MB for 65,000 logs: above viem's cap). */
async function countEvents(m: Market): Promise<number> {
  const response = await fetch(m.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "eth_getLogs",
      params: [{ address: m.market, fromBlock: `0x${m.deployBlock.toString(16)}`, toBlock: "latest" }],
    }),
  });
  return ((await response.json()) as { result: unknown[] }).result.length;
}

async function startIndexer(m: Market, dataDir: string): Promise<{ indexer: IndexerProcess; url: string }> {
  const indexer = await startIndexerProcess({
    env: {
      FEDPAY_RPC_URL: m.rpcUrl,
      FEDPAY_MARKET: m.market,
      FEDPAY_START_BLOCK: String(m.deployBlock),
      FEDPAY_INDEXER_DATA_DIR: dataDir,
    },
    port: await freePort(),
    log: (line) => {
      if (/WARN|ERROR|crash recovery|Completed backfill/.test(line)) say(`  [indexer] ${line}`);
    },
  });
  return { indexer, url: await indexer.url };
}

/** Starts the clock before the process, stops it once the head block is indexed. */
async function syncedWithin(head: bigint, start: () => Promise<{ indexer: IndexerProcess; url: string }>) {
  const t0 = performance.now();
  const running = await start();
  await running.indexer.indexed(head, 60 * 60_000);
  return { ...running, seconds: (performance.now() - t0) / 1000 };
}

interface Pages {
  job: Runs;
  qc: Runs;
  node: Runs;
  dashboard: Runs;
}

async function measurePages(
  m: Market,
  indexer: string | undefined,
  target: { id: Hex; qc: Address; node: Address },
): Promise<Pages> {
  const client = appClient(m);
  const run = (read: () => Promise<number>) => samples(ROUNDS, m.rpcUrl, indexer, read);
  return {
    job: await run(() => jobPage(client, m, indexer, target.id)),
    qc: await run(() => qcPage(client, m, indexer, target.qc)),
    node: await run(() => nodePage(client, m, indexer, target.node)),
    dashboard: await run(() => dashboard(client, m, indexer)),
  };
}

function table(title: string, pages: Pages, budgets: boolean): string[] {
  return [
    title,
    row("job page (state + timeline)", pages.job, budgets ? PAGE : undefined),
    row("QC page (its jobs + refunds)", pages.qc, budgets ? PAGE : undefined),
    row("node page (its jobs)", pages.node, budgets ? PAGE : undefined),
    row("dashboard (lists, feed, charts)", pages.dashboard, budgets ? DASHBOARD : undefined),
  ];
}

interface Measured {
  chain: Pages;
  indexed: Pages;
  sync: number;
  resume: number;
  events: number;
  head: bigint;
  /** ms from a new block's receipt to the indexer having indexed it. */
  live: number[];
}

/** Seeds a chain (after `early` jobs and `blocks` empty blocks), indexes it, measures the pages. */
async function measureChain(label: string, blocks: number): Promise<Measured> {
  say(`${label}: starting anvil and deploying the market…`);
  const busy = await startEmptyMarket();
  const { fixture } = busy;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fedpay-bench-indexer-"));
  const m: Market = {
    rpcUrl: fixture.anvil.rpcUrl,
    market: fixture.market,
    lens: fixture.lens,
    deployBlock: busy.deployBlock,
  };
  let indexer: IndexerProcess | undefined;
  try {
    let early: Hex | undefined;
    if (blocks > 0) {
      early = (await seedJobs(busy, 1, () => undefined, 1)).cancelled[0];
      say(`${label}: one early job; mining ${blocks.toLocaleString("en")} empty blocks…`);
      const mineStart = performance.now();
      await mine(m.rpcUrl, blocks);
      say(`${label}: mined in ${((performance.now() - mineStart) / 1000).toFixed(1)} s`);
    }
    say(`${label}: seeding ${JOBS.toLocaleString("en")} jobs…`);
    const seeded = await seedJobs(busy, JOBS, say);
    // Past Ponder's finality distance for an unknown chain (30 blocks), the seeded blocks are history
    // (indexed in batches); within it, each block is indexed live as it came (PGlite: ~6 ms an event),
    // and a restart indexes those blocks again. A real chain's newest 30 blocks hold few events.
    // Through mine(): with 5,000 jobs anvil takes longer to mine than viem's 10 s request timeout.
    await mine(m.rpcUrl, FINALITY_BLOCKS + 1);
    const events = await countEvents(m);
    const head = await fixture.blockNumber();
    say(`${label}: ${events.toLocaleString("en")} events, head block ${head.toLocaleString("en")}`);
    // The job page shows the early job (its history spans the chain), else a cancelled one; the QC
    // page the QC with the refunds of the cancelled jobs.
    const cancelledQc = seeded.qcOf[seeded.ids.indexOf(seeded.cancelled[0]!)]!;
    const target = { id: early ?? seeded.cancelled[0]!, qc: cancelledQc, node: dos[0]! };

    say(`${label}: indexing from scratch…`);
    const fresh = await syncedWithin(head, () => startIndexer(m, dataDir));
    say(`${label}: indexed in ${fresh.seconds.toFixed(1)} s`);
    await fresh.indexer.stop();
    const resumed = await syncedWithin(head, () => startIndexer(m, dataDir));
    indexer = resumed.indexer;
    say(`${label}: restarted and resumed in ${resumed.seconds.toFixed(1)} s`);
    const chain = await measurePages(m, undefined, target);
    const indexed = await measurePages(m, resumed.url, target);
    const live: number[] = [];
    for (let i = 0; i < LIVE_SAMPLES; i++) {
      // Automine: the answer to eth_sendTransaction comes once its block is mined.
      const data = encodeFunctionData({ abi: jobMarketAbi, functionName: "heartbeat" });
      await fixture.rpc("eth_sendTransaction", [{ from: dos[i % dos.length]!, to: m.market, data }]);
      const mined = performance.now();
      await indexer.indexed(await fixture.blockNumber(), 30_000);
      live.push(performance.now() - mined);
    }
    return { chain, indexed, sync: fresh.seconds, resume: resumed.seconds, events, head, live };
  } finally {
    await indexer?.stop();
    await fixture.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const fresh = await measureChain("fresh chain", 0);
  const aged = await measureChain("aged chain", BLOCKS);
  const syncRow = (label: string, r: Measured) =>
    `  ${label.padEnd(44)} ${r.events.toLocaleString("en").padStart(7)} events ${r.head.toLocaleString("en").padStart(10)} blocks ` +
    `${r.sync.toFixed(1).padStart(7)} s  (restart and resume: ${r.resume.toFixed(1)} s)`;
  console.log(
    [
      "",
      `Indexer benchmark: ${JOBS.toLocaleString("en")} jobs; ${ROUNDS} rounds per page (ms each, the first cold), ` +
        "requests of the first round.",
      "",
      "Sync from scratch (start of `ponder start` to the head block indexed, PGlite):",
      syncRow("fresh chain", fresh),
      syncRow(`${BLOCKS.toLocaleString("en")} blocks after the deployment`, aged),
      "",
      `A new block with one event, from mined to indexed (${LIVE_SAMPLES} heartbeats; the indexer polls every 200 ms):`,
      `  fresh chain  median ${Math.round(median(fresh.live))} ms, max ${Math.round(Math.max(...fresh.live))} ms`,
      `  aged chain   median ${Math.round(median(aged.live))} ms, max ${Math.round(Math.max(...aged.live))} ms`,
      "",
      ...table("Fresh chain, no indexer (the app's chain fallback):", fresh.chain, false),
      ...table("Fresh chain, with the indexer:", fresh.indexed, true),
      "",
      ...table(
        `${BLOCKS.toLocaleString("en")} blocks later, no indexer (the app's chain fallback):`,
        aged.chain,
        false,
      ),
      ...table(`${BLOCKS.toLocaleString("en")} blocks later, with the indexer:`, aged.indexed, true),
      "",
      `Total ${((performance.now() - started) / 1000).toFixed(1)} s`,
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
