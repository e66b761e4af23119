// @vitest-environment node
// Issue 12, shown to work: an agent per participant (each its own process, as an operator runs it)
// and the Python example training loop drive a job from dispatch to completion, and everyone is paid
// exactly what the money model says (src/protocol/money).
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { JobState } from "../../protocol/enums.ts";
import { settleCompleted } from "../../protocol/money/index.ts";
import { freePort } from "../../../scripts/lib/anvil.ts";
import { jobMembers, movesOf, paidInFull, readSettlement } from "../../../scripts/lib/settlement-oracle.ts";
import { type AgentProcess, startAgentProcess } from "../../../scripts/lib/spawn-agent.ts";
import {
  dispatchJob,
  dos,
  gds,
  type MarketFixture,
  mpcs,
  priceOfSpec,
  startMarket,
} from "../shared/testing/market-fixture.ts";
import { stateOf } from "../shared/testing/job-events.ts";
import { nonceOf } from "../shared/testing/scenarios.ts";
import { eventually, TOKEN } from "./testing/agent-harness.ts";

const spec = {
  jobDos: dos.slice(0, 2),
  doPrices: [1_000n, 1_500n],
  jobMpcs: mpcs.slice(0, 1),
  mpcPrice: 500n,
  totalEpochs: 3,
};
const participants = [...spec.jobDos, ...spec.jobMpcs];
const labels = ["DO 1", "DO 2", "MPC 1"];
const clientsDir = path.join(import.meta.dirname, "clients");

let f: MarketFixture;
const agents: AgentProcess[] = [];
const output: string[] = [];

beforeAll(async () => {
  f = await startMarket({ timeoutBlocks: 200 });
}, 60_000);
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await f?.stop();
});

/** The example loop for one participant, to its end; resolves with its exit code. */
function trainer(url: string, label: string): Promise<number | null> {
  const child = spawn(
    "python3",
    [path.join(clientsDir, "example_training.py"), "--batches", "4", "--batch-seconds", "0.02"],
    {
      cwd: clientsDir,
      env: { ...process.env, FEDPAY_AGENT_URL: url, FEDPAY_AGENT_TOKEN: TOKEN, PYTHONUNBUFFERED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (d: Buffer) => output.push(`[py ${label}] ${d}`));
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

it("agents per participant and the Python loop take a job from dispatch to completion; everyone is paid exactly", async () => {
  for (const label of labels) {
    const port = await freePort();
    agents.push(
      startAgentProcess({
        rpcUrl: f.anvil.rpcUrl,
        port,
        token: TOKEN,
        devAccount: label,
        env: {
          FEDPAY_MARKET: f.market,
          FEDPAY_POLL_MS: "50",
          FEDPAY_PROGRESS_INTERVAL_S: "1",
          FEDPAY_STATUS_EVERY: "0",
        },
        log: (line) => output.push(`[agent ${label}] ${line}`),
      }),
    );
  }
  const health = (a: AgentProcess) =>
    fetch(`${a.url}/health`).then((r) => r.json() as Promise<{ ok: boolean }>);
  await eventually(
    async () => (await Promise.all(agents.map(health))).every((h) => h.ok),
    30_000,
    "the agents to be up",
  );
  const nonces = await Promise.all(participants.map((p) => nonceOf(f, p)));

  const id = await dispatchJob(f, spec);
  const codes = await Promise.all(agents.map((a, i) => trainer(a.url, labels[i]!)));
  expect(codes, output.join("\n")).toEqual([0, 0, 0]);
  await eventually(async () => (await stateOf(f, id)) === JobState.Completed, 20_000, "the job to complete");

  const price = await priceOfSpec(f, spec);
  const expected = settleCompleted(
    paidInFull(gds, price),
    jobMembers({ dos: spec.jobDos, doPrices: spec.doPrices, factor: 1 }, spec.jobMpcs, price),
  );
  expect(await readSettlement(f.ctx.publicClient, f.market, id)).toEqual(movesOf(expected));

  // Per participant: 3 epoch completions + the final one for each DO, a few display-only positions
  // (12 batches posted, at most one per second), far below the 16 reports each loop made.
  const sent = await Promise.all(participants.map(async (p, i) => (await nonceOf(f, p)) - nonces[i]!));
  for (const n of sent) expect(n).toBeLessThanOrEqual(10);
  expect(sent[0]).toBeGreaterThanOrEqual(4);
  const text = output.join("\n");
  expect(text).toMatch(
    /\[agent DO 1\] .*updateJobStatus job 0x\w{8}… Training · epoch ALL · batch ALL · Completed: the final completion/,
  );
  expect(text).toMatch(/\[py DO 2\] part complete; job (Completed|Dispatched)/);
}, 120_000);
