// `npm run bench:dashboard`: the monitoring dashboard against docs/rules.md §10's budgets, in a real
// browser on a busy local chain. Starts its own anvil, deploys, seeds 1,000 dispatched jobs (11,000
// events), builds and serves the app for that chain, opens /dashboard in Chromium a few times (a fresh
// browser context each: nothing cached) and prints, from navigation start, when the first job rows,
// all jobs, the nodes and the live feed's first events were on screen; then how long a new event
// takes from its block to the screen. Prints numbers; asserts nothing (timings are not tests).
// Options: --jobs N (1000), --rounds N (3), --samples N (10), --trace (print the first load's RPC calls).
import { performance } from "node:perf_hooks";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../../e2e/fixtures/browser.ts";
import { dos } from "../../src/services/shared/testing/market-fixture.ts";
import { buildAndServeApp, type ServedApp } from "./dashboard/app.ts";
import { countEvents, seedBusyJobs, startEmptyMarket } from "./dashboard/market.ts";
import { DASHBOARD_PATH, measureEventLatency, openDashboard } from "./dashboard/measure.ts";
import type { Milestones } from "./dashboard/page-marks.ts";
import { latencyRow, milestoneRows, USABLE_BUDGET_MS } from "./dashboard/report.ts";
import { parseFlags } from "../lib/cli.ts";

const { flags, values } = parseFlags(process.argv.slice(2));
const JOBS = Number(values.get("jobs") ?? 1_000);
const ROUNDS = Number(values.get("rounds") ?? 3);
const SAMPLES = Number(values.get("samples") ?? 10);
const TRACE = flags.has("trace");

const started = performance.now();
const say = (text: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);

async function main() {
  say("Starting anvil and deploying the market…");
  const market = await startEmptyMarket();
  const { fixture } = market;
  let app: ServedApp | undefined;
  try {
    say(`Seeding ${JOBS} dispatched jobs while the app builds…`);
    const [ids, served] = await Promise.all([
      seedBusyJobs(market, JOBS),
      buildAndServeApp({
        rpcUrl: fixture.anvil.rpcUrl,
        market: fixture.market,
        lens: fixture.lens,
        deployBlock: market.deployBlock,
      }),
    ]);
    app = served;
    const events = await countEvents(market);
    const block = await fixture.blockNumber();
    say(`${ids.length} jobs, ${events.toLocaleString("en")} events, block ${block}; app on ${app.baseUrl}`);

    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const loads: Required<Milestones>[] = [];
      let lastPage;
      for (let round = 1; round <= ROUNDS; round++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const traceUrl = TRACE && round === 1 ? fixture.anvil.rpcUrl : undefined;
        const { page, milestones, trace } = await openDashboard(context, app.baseUrl, ids.length, traceUrl);
        if (trace) console.log(`RPC requests of load 1 (start → end, ms since navigation):\n${trace}`);
        loads.push(milestones);
        say(
          `Load ${round}: ${JSON.stringify(milestones, (_, v: unknown) => (typeof v === "number" ? Math.round(v) : v))}`,
        );
        if (round < ROUNDS) await context.close();
        else lastPage = page;
      }
      say(`Measuring ${SAMPLES} new events on the open dashboard…`);
      const samples = await measureEventLatency(fixture, lastPage!, dos[0]!, ids.slice(0, SAMPLES));

      const column = (key: keyof Milestones) => loads.map((l) => l[key]);
      console.log(
        [
          "",
          `Dashboard (${DASHBOARD_PATH}) with ${ids.length.toLocaleString("en")} jobs and ` +
            `${events.toLocaleString("en")} events; ms from navigation start, ${ROUNDS} page loads ` +
            "(fresh browser context each)",
          `  ${"".padEnd(30)} ${loads.map((_, i) => `load ${i + 1}`.padStart(6)).join(" ")}  | median    max`,
          milestoneRows("page shown (heading)", column("heading")),
          milestoneRows("first job rows", column("jobRows"), USABLE_BUDGET_MS),
          milestoneRows(
            `all ${ids.length.toLocaleString("en")} jobs listed`,
            column("allJobs"),
            USABLE_BUDGET_MS,
          ),
          milestoneRows("node rows", column("nodeRows"), USABLE_BUDGET_MS),
          milestoneRows("live feed's first events", column("feed"), USABLE_BUDGET_MS),
          "",
          "From mining a block with a new JobStatusUpdated to it in the live feed (wall clock):",
          latencyRow(samples),
          "",
          `Total ${((performance.now() - started) / 1000).toFixed(1)} s`,
        ].join("\n"),
      );
    } finally {
      await browser.close();
    }
  } finally {
    await app?.close();
    await fixture.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
