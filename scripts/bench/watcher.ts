// `npm run bench:watcher`: what one watcher scan costs with 1, 100 and 1,000 dispatched jobs, by
// read mode. Prints wall time and what went over the wire (HTTP requests, JSON-RPC calls); asserts
// nothing about timings (docs/rules.md §10: printed, never asserted).
import { performance } from "node:perf_hooks";
import type { Address } from "viem";
import type { RpcCounts } from "../../src/services/shared/rpc-counter.ts";
import type { ReadMode } from "../../src/services/gds-watcher/scan.ts";
import { seedDispatchedJobs } from "../../src/services/gds-watcher/testing/bulk-jobs.ts";
import { dos, type JobSpec, mpcs, startMarket } from "../../src/services/shared/testing/market-fixture.ts";
import { JobState } from "../../src/protocol/enums.ts";
import { makeWatcher } from "../../src/services/gds-watcher/testing/watcher-harness.ts";

const SIZES = [1, 100, 1_000];
const MODES: ReadMode[] = ["lens", "rpc-batch"];
const WARM_ROUNDS = 5;

/** Three DOs and one MPC per job, tiny prices so a node's stake covers a thousand collaterals. */
const spec: JobSpec = {
  jobDos: dos.slice(0, 3),
  doPrices: [1_000n, 2_000n, 3_000n],
  jobMpcs: mpcs.slice(0, 1),
  mpcPrice: 500n,
};

interface Measure {
  ms: number;
  counts: RpcCounts;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measureMode(
  rpcUrl: string,
  market: Address,
  lens: Address,
  mode: ReadMode,
  mine: () => Promise<void>,
) {
  // The watcher the tests drive (demo GDS, counted RPC), reading by `mode`.
  const { watcher, counter, client } = makeWatcher(rpcUrl, { market, lens }, { readMode: mode, pollMs: 0 });
  const round = async (): Promise<Measure & { dispatched: number }> => {
    const before = counter.counts();
    const started = performance.now();
    const result = await watcher.tick();
    const ms = performance.now() - started;
    if (!result.newBlock || !result.snapshot) throw new Error("No new block to scan");
    if (result.sent !== 0) throw new Error("The benchmark's jobs should need no action");
    const dispatched = result.snapshot.jobs.filter((j) => j.state === JobState.Dispatched).length;
    return { ms, counts: counter.since(before), dispatched };
  };
  // First round: a watcher that just started (reads its role and every job id once).
  const blockBefore = await client.getBlockNumber({ cacheTime: 0 });
  const cold = await round();
  const blockAfter = await client.getBlockNumber({ cacheTime: 0 });
  if (blockAfter !== blockBefore || watcher.retriedReads > 0) {
    console.log(
      `  (blocks ${blockBefore} → ${blockAfter} during the first scan; ${watcher.retriedReads} re-read)`,
    );
  }
  const warm: (Measure & { dispatched: number })[] = [];
  for (let i = 0; i < WARM_ROUNDS; i++) {
    await mine();
    warm.push(await round());
  }
  return { cold, warm };
}

function describeCounts(c: RpcCounts): string {
  const ethCalls = c.byMethod.eth_call ?? 0;
  return `${String(c.httpRequests).padStart(3)} HTTP  ${String(c.rpcCalls).padStart(5)} RPC (${ethCalls} eth_call)`;
}

async function main() {
  const started = performance.now();
  console.log("Starting anvil and deploying the market…");
  const f = await startMarket();
  try {
    const rows: string[] = [];
    let seeded = 0;
    for (const size of SIZES) {
      const t = performance.now();
      await seedDispatchedJobs(f, spec, size - seeded);
      seeded = size;
      console.log(`Seeded ${size} dispatched jobs (${((performance.now() - t) / 1000).toFixed(1)} s)`);
      for (const mode of MODES) {
        const { cold, warm } = await measureMode(f.anvil.rpcUrl, f.market, f.lens, mode, () => f.mine(1));
        if (cold.dispatched !== size)
          throw new Error(`Expected ${size} dispatched jobs, scanned ${cold.dispatched}`);
        const warmMs = median(warm.map((w) => w.ms));
        const last = warm.at(-1)!;
        rows.push(
          `${String(size).padStart(6)}  ${mode.padEnd(9)}  ` +
            `first ${cold.ms.toFixed(0).padStart(5)} ms ${describeCounts(cold.counts)}   ` +
            `per block ${warmMs.toFixed(0).padStart(5)} ms ${describeCounts(last.counts)}`,
        );
        console.log(rows.at(-1));
      }
    }
    console.log(
      [
        "",
        "GDS watcher scan cost (one tick: new block number, our pending txs, every open job and, for",
        "dispatched jobs, each participant's liveness as the contract computes it). 3 DOs + 1 MPC per job.",
        "  first     = a watcher that just started (role check, every job id enumerated once)",
        `  per block = steady state, median wall time of ${WARM_ROUNDS} blocks; calls of the last one`,
        "  lens      = JobMarketLens getJobs (200 jobs a call) + getProgresses (800 participants a call)",
        "  rpc-batch = one eth_call per view (getJob, getProgress), in JSON-RPC batches of up to 1,000",
        "",
        "  jobs  mode       " + "first scan".padEnd(44) + "per block",
        ...rows,
        "",
        `Total ${((performance.now() - started) / 1000).toFixed(1)} s`,
      ].join("\n"),
    );
  } finally {
    await f.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
