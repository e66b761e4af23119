// The demo's node machines (`npm start -- --agents`, or on its own: tsx scripts/demo-agents.ts):
// one node agent per demo DO and MPC (src/services/node-agent, each with its API on its own port of
// 127.0.0.1), and beside each a demo training loop that talks to it over that API the way a real
// trainer would (clients/agent-client.ts): every job that expects a report from the node is
// "trained" batch by batch, so a seeded job progresses by itself and can be watched in the app.
// Environment: FEDPAY_RPC_URL, FEDPAY_DEPLOYMENT, FEDPAY_AGENT_TOKEN, FEDPAY_AGENT_PORT (the first
// port; the next ones follow), DEMO_BATCHES (per epoch, default 4), DEMO_BATCH_MS (default 3000).
import { devAccountsWithRole, LOCAL_CHAIN_ID, LOCAL_RPC_URL } from "../src/protocol/devAccounts.ts";
import { NodeAgent } from "../src/services/node-agent/agent.ts";
import { serveAgentApi } from "../src/services/node-agent/api.ts";
import {
  ALL,
  AgentClient,
  AgentError,
  type AgentJob,
} from "../src/services/node-agent/clients/agent-client.ts";
import { DEFAULT_AGENT_PORT, resolveAccount } from "../src/services/node-agent/config.ts";
import { serviceClients } from "../src/services/shared/clients.ts";
import { readDeploymentRecord } from "../src/services/shared/deployment-file.ts";
import { deploymentFileOf } from "../src/services/shared/paths.ts";
import { isPortFree } from "./lib/anvil.ts";

const env = process.env;
const rpcUrl = env.FEDPAY_RPC_URL ?? LOCAL_RPC_URL;
const token = env.FEDPAY_AGENT_TOKEN ?? "";
const batches = Number(env.DEMO_BATCHES ?? 4);
const batchMs = Number(env.DEMO_BATCH_MS ?? 3_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stamp = () => new Date().toISOString().slice(11, 19);

async function main() {
  if (token.length < 8) throw new Error("FEDPAY_AGENT_TOKEN (8+ characters) is required");
  const recordFile = deploymentFileOf(LOCAL_CHAIN_ID, env.FEDPAY_DEPLOYMENT);
  const record = readDeploymentRecord(recordFile);
  if (!record) throw new Error(`No deployment record at ${recordFile}: deploy first`);
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop.abort());

  let port = Number(env.FEDPAY_AGENT_PORT ?? DEFAULT_AGENT_PORT);
  const nodes = [...devAccountsWithRole("do"), ...devAccountsWithRole("mpc")];
  const running: Promise<void>[] = [];
  for (const dev of nodes) {
    while (!(await isPortFree(port))) port++;
    const account = resolveAccount({ key: { devIndex: dev.index } } as never, LOCAL_CHAIN_ID);
    const { chain, client, wallet } = serviceClients(rpcUrl, LOCAL_CHAIN_ID, account);
    const log = (line: string) => console.log(`${stamp()} ${dev.label.padEnd(5)} ${line}`);
    // The seed registered the demo nodes: the agent keeps their terms (any GDS, up to their stake).
    const agent = new NodeAgent({
      client,
      wallet,
      chain,
      market: record.jobMarket,
      role: undefined,
      stake: undefined,
      terms: { accepting: true },
      autoChallenge: true,
      progressIntervalMs: 60_000,
      statusEveryBlocks: 200n,
      pollMs: 500,
      backoff: { baseMs: 500, maxMs: 15_000 },
      fromBlock: BigInt(record.deployBlock),
      pageBlocks: 10_000n,
      log,
    });
    const server = await serveAgentApi(agent, { port, token, log });
    log(`agent for ${account.address} on ${server.url}`);
    running.push(agent.run(stop.signal).finally(() => server.close()));
    running.push(trainer(new AgentClient({ url: server.url, token }), log, stop.signal));
    port++;
  }
  await Promise.all(running);
}

/** Trains every job that expects a report from this node, one batch every DEMO_BATCH_MS. */
async function trainer(agent: AgentClient, log: (line: string) => void, signal: AbortSignal): Promise<void> {
  const busy = new Set<string>();
  while (!signal.aborted) {
    const jobs = await agent.jobs({ active: true }).catch(() => [] as AgentJob[]);
    for (const job of jobs) {
      if (job.next !== "report" || busy.has(job.id)) continue;
      busy.add(job.id);
      void train(agent, job, log, signal)
        .catch((error: unknown) =>
          log(`demo trainer: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => busy.delete(job.id));
    }
    await sleep(2_000);
  }
}

async function train(
  agent: AgentClient,
  job: AgentJob,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const task = job.jobType === "Horizontal" && job.role === "MPC" ? "Aggregation" : "Training";
  const post = async (
    epoch: number | typeof ALL,
    batch: number | typeof ALL,
    status: "InProgress" | "Completed",
    taskType: string = task,
  ) => {
    if (signal.aborted) throw new Error("stopped");
    try {
      await agent.progress(job.id, { taskType: taskType as "Training", epoch, batch, status });
    } catch (error) {
      // Behind the chain (posted there by the seed or the app) or the job moved on: carry on.
      if (!(error instanceof AgentError && error.status === 409)) throw error;
    }
  };
  log(
    `demo trainer: job ${job.uuid.slice(0, 8)} (${job.jobType}, ${job.role}), ${task} from epoch ${job.progress.completedEpochs}`,
  );
  if (job.jobType === "Vertical" && (!job.progress.onChain || job.progress.onChain.taskType === "PSI")) {
    await sleep(batchMs);
    await post(ALL, ALL, "Completed", "PSI");
  }
  const onChain = job.progress.onChain;
  const from =
    task === "Training"
      ? job.progress.completedEpochs
      : typeof onChain?.epoch === "number"
        ? onChain.epoch
        : 0;
  for (let epoch = from; epoch < job.totalEpochs; epoch++) {
    for (let batch = 0; batch < batches; batch++) {
      await sleep(batchMs);
      await post(epoch, batch, "InProgress");
    }
    await post(epoch, ALL, "Completed");
  }
  await post(ALL, ALL, "Completed");
}

main().catch((error: unknown) => {
  console.error(`demo agents failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
