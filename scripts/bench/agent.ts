// `npm run bench:agent`: what the node agent costs on chain (docs/rules.md §10, §13).
//  1. A Horizontal job of 10 epochs, 3 DOs and 1 MPC, each run by its own agent; each participant's
//     training loop posts 100 progress reports (per epoch 9 batches InProgress and the epoch's
//     completion, the last epoch's completion being the final one) faster than the display interval
//     (the default 60 s) lets them all go out: display-only transactions are about the job's duration
//     divided by the interval, the rest are the 10 must-send completions. Prints transactions and
//     gas per participant (budget: ≤ 15 tx).
//  2. Heartbeat gas per node-day for an idle node in a dispatched job (timeoutBlocks 3600, the
//     default): an agent kept running while a day of blocks is mined in bursts, at 12 s and at 2 s
//     blocks. Prints numbers; asserts nothing (docs/rules.md §10: printed, never asserted).
import type { Address, Hex } from "viem";
import { ALL } from "../../src/protocol/enums.ts";
import { settlementGasAllowance } from "../../src/protocol/gas.ts";
import {
  dispatchJob,
  dos,
  type MarketFixture,
  mpcs,
  startMarket,
} from "../../src/services/shared/testing/market-fixture.ts";
import {
  caughtUp,
  eventually,
  startAgent,
  type TestAgent,
} from "../../src/services/node-agent/testing/agent-harness.ts";

const EPOCHS = 10;
const BATCHES = 9;
/** The display interval (FEDPAY_PROGRESS_INTERVAL_S's default), and the pause between two reports. */
const INTERVAL_MS = 60_000;
const REPORT_MS = 80;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Gas and transactions of `accounts` in blocks (from, to]. */
async function spending(f: MarketFixture, accounts: Address[], from: bigint, to: bigint) {
  const result = new Map(
    accounts.map((a) => [a.toLowerCase(), { txs: 0, gas: 0n, byCall: {} as Record<string, number> }]),
  );
  for (let n = from + 1n; n <= to; n++) {
    const block = await f.ctx.publicClient.getBlock({ blockNumber: n, includeTransactions: true });
    for (const tx of block.transactions) {
      const entry = result.get(tx.from.toLowerCase());
      if (!entry) continue;
      const receipt = await f.ctx.publicClient.getTransactionReceipt({ hash: tx.hash });
      entry.txs++;
      entry.gas += receipt.gasUsed;
      const selector = tx.input.slice(0, 10);
      entry.byCall[selector] = (entry.byCall[selector] ?? 0) + 1;
    }
  }
  return result;
}

/** One participant's loop: 100 reports, then waits until the chain has its part complete. */
async function trainingLoop(a: TestAgent, id: Hex, task: "Training" | "Aggregation"): Promise<number> {
  let posts = 0;
  const post = async (epoch: number | "ALL", batch: number | "ALL", status: string) => {
    posts++;
    const answer = await a.call("POST", `/jobs/${id}/progress`, { taskType: task, epoch, batch, status });
    if (answer.status !== 202 && answer.status !== 409) throw new Error(`progress refused: ${answer.text}`);
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let batch = 0; batch < BATCHES; batch++) {
      await sleep(REPORT_MS);
      await post(epoch, batch, "InProgress");
    }
    await sleep(REPORT_MS);
    if (epoch < EPOCHS - 1) await post(epoch, "ALL", "Completed");
    else await post("ALL", "ALL", "Completed");
  }
  await eventually(
    async () => {
      const job = (await a.call("GET", "/jobs")).json.jobs.find((j: { id: Hex }) => j.id === id);
      return job.progress.partComplete || job.state !== "Dispatched";
    },
    60_000,
    "the part to complete",
  );
  return posts;
}

const names: Record<string, string> = {};
async function selectorNames() {
  const { jobMarketAbi } = await import("../../src/protocol/generated/abis.ts");
  const { toFunctionSelector } = await import("viem");
  for (const item of jobMarketAbi) if (item.type === "function") names[toFunctionSelector(item)] = item.name;
}

async function progressBench(): Promise<void> {
  const f = await startMarket({ timeoutBlocks: 3_600 });
  const spec = {
    jobDos: dos.slice(0, 3),
    doPrices: [1_000n, 1_000n, 1_000n],
    jobMpcs: mpcs.slice(0, 1),
    mpcPrice: 500n,
    totalEpochs: EPOCHS,
  };
  const members = [...spec.jobDos, ...spec.jobMpcs];
  const agents = await Promise.all(members.map((m) => startAgent(f, m, { progressIntervalMs: INTERVAL_MS })));
  try {
    await Promise.all(
      agents.map((a) =>
        eventually(async () => (await a.call("GET", "/health")).json.ok === true, 30_000, "ready"),
      ),
    );
    await Promise.all(agents.map((a) => caughtUp(f, a)));
    const id = await dispatchJob(f, spec);
    const from = await f.blockNumber();
    await Promise.all(agents.map((a) => caughtUp(f, a)));
    const started = Date.now();
    const posts = await Promise.all(
      agents.map((a, i) => trainingLoop(a, id, i < spec.jobDos.length ? "Training" : "Aggregation")),
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    await Promise.all(agents.map((a) => caughtUp(f, a)));
    const to = await f.blockNumber();
    const spent = await spending(f, members, from, to);
    console.log(
      `\n1. A 10-epoch Horizontal job (3 DOs, 1 MPC), each loop posting ${posts[0]} progress reports in ${seconds} s, ` +
        `display interval ${INTERVAL_MS / 1000} s (reports every ${REPORT_MS} ms); budget ≤ 15 transactions per participant`,
    );
    console.log("   participant   reports   txs   gas        calls");
    members.forEach((m, i) => {
      const s = spent.get(m.toLowerCase())!;
      const calls = Object.entries(s.byCall)
        .map(([sel, n]) => `${names[sel] ?? sel} ${n}`)
        .join(", ");
      const label = i < spec.jobDos.length ? `DO ${i + 1}` : "MPC 1";
      console.log(
        `   ${label.padEnd(13)} ${String(posts[i]).padStart(7)} ${String(s.txs).padStart(5)}   ${String(s.gas).padEnd(10)} ${calls}`,
      );
    });
    const coalesced = agents.reduce(
      (n, a) => n + Number(/fedpay_agent_progress_coalesced_total (\d+)/.exec(a.agent.metrics())?.[1] ?? 0),
      0,
    );
    console.log(`   merged into newer positions (coalesced): ${coalesced} reports in all`);
  } finally {
    await Promise.all(agents.map((a) => a.stop()));
    await f.stop();
  }
}

async function heartbeatBench(): Promise<void> {
  const f = await startMarket({ timeoutBlocks: 3_600 });
  const me = dos[0]!;
  const a = await startAgent(f, me);
  try {
    await eventually(async () => (await a.call("GET", "/health")).json.ok === true, 30_000, "ready");
    await dispatchJob(f, { jobDos: [me], doPrices: [1_000n], jobMpcs: mpcs.slice(0, 1), mpcPrice: 500n });
    await caughtUp(f, a);
    console.log(
      "\n2. Heartbeats of an idle node in a dispatched job (timeoutBlocks 3600: due 2700 blocks after lastSeen)",
    );
    let done = 0n;
    for (const [label, blockSeconds] of [
      ["12 s blocks", 12],
      ["2 s blocks", 2],
    ] as const) {
      const blocksPerDay = BigInt((24 * 3600) / blockSeconds);
      const from = await f.blockNumber();
      const beatsBefore = a.agent.sender.actionsTaken().heartbeat ?? 0;
      // Bursts of 200 blocks, far below the 900-block margin; the agent catches up after each.
      for (let mined = 0n; mined < blocksPerDay; mined += 200n) {
        await f.mine(Number(blocksPerDay - mined < 200n ? blocksPerDay - mined : 200n));
        await caughtUp(f, a);
      }
      const to = await f.blockNumber();
      const spent = (await spending(f, [me], from, to)).get(me.toLowerCase())!;
      const beats = (a.agent.sender.actionsTaken().heartbeat ?? 0) - beatsBefore;
      const each = beats > 0 ? spent.gas / BigInt(beats) : 0n;
      // In the long run one heartbeat every 2,701 blocks (due at lastSeen + 2,700, mined in the next).
      const longRun = (blocksPerDay * each) / 2_701n;
      console.log(
        `   ${label.padEnd(12)} ${blocksPerDay} blocks a day: ${beats} heartbeats, ${spent.gas} gas in this node-day ` +
          `(${each} gas each; ≈ ${longRun} gas per node-day in the long run)`,
      );
      done += blocksPerDay;
    }
    void done;
  } finally {
    await a.stop();
    await f.stop();
  }
}

async function main() {
  await selectorNames();
  console.log("Node agent benchmark (anvil; docs/rules.md §10 — numbers printed, not asserted)");
  await progressBench();
  await heartbeatBench();
  console.log(
    `\n3. Final completions are sent with at least the settlement's gas: ${settlementGasAllowance(4)} for this job's 4 participants ` +
      `(150,000 + 15,000 per participant; gas not used is not paid)`,
  );
  void ALL;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
