// @vitest-environment node
// The agent is restart-safe with the chain as its only state: killed (SIGKILL) while its transaction
// is still in the mempool, it is started again, waits for that transaction instead of sending it
// twice, and the training side resumes from progress.onChain. And it survives the RPC going away.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ALL, JobState, Status, TaskType } from "../../protocol/enums.ts";
import type { ParticipantView } from "../../protocol/views.ts";
import { freePort } from "../../../scripts/lib/anvil.ts";
import { type AgentProcess, startAgentProcess } from "../../../scripts/lib/spawn-agent.ts";
import { startTcpGate } from "../../../scripts/lib/tcp-gate.ts";
import { dispatchJob, dos, type MarketFixture, mpcs, startMarket } from "../shared/testing/market-fixture.ts";
import { jobEvents, stateOf } from "../shared/testing/job-events.ts";
import { nonceOf } from "../shared/testing/scenarios.ts";
import { eventually, startAgent, TOKEN } from "./testing/agent-harness.ts";

const spec = {
  jobDos: dos.slice(0, 1),
  doPrices: [1_000n],
  jobMpcs: mpcs.slice(0, 1),
  mpcPrice: 500n,
  totalEpochs: 2,
};
const me = spec.jobDos[0]!;
const epochDone = (epoch: number) => ({ taskType: "Training", epoch, batch: "ALL", status: "Completed" });

let f: MarketFixture;
beforeAll(async () => {
  f = await startMarket({ timeoutBlocks: 1_000 });
}, 60_000);
afterEach(async () => {
  await f.rpc("evm_setAutomine", [true]);
});
afterAll(async () => {
  await f?.stop();
});

async function api(a: AgentProcess, method: string, path: string, body?: unknown) {
  const response = await fetch(`${a.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("restarts and outages", () => {
  it("killed with its transaction in the mempool and started again: no transaction is sent twice", async () => {
    const lines: string[] = [];
    const port = await freePort();
    const start = () =>
      startAgentProcess({
        rpcUrl: f.anvil.rpcUrl,
        port,
        token: TOKEN,
        devAccount: "DO 1",
        env: { FEDPAY_MARKET: f.market, FEDPAY_POLL_MS: "50", FEDPAY_STATUS_EVERY: "0" },
        log: (line) => lines.push(line),
      });
    let agent = start();
    const ready = async () =>
      (
        await fetch(`${agent.url}/health`)
          .then((r) => r.json())
          .catch(() => ({}))
      ).ok === true;
    await eventually(ready, 30_000, "the agent to be up");
    const id = await dispatchJob(f, spec);
    await eventually(
      async () => (await api(agent, "GET", "/jobs")).json.jobs[0]?.state === "Dispatched",
      10_000,
      "dispatch",
    );
    const nonce = await nonceOf(f, me);

    // Automine off: the epoch completion is sent and waits in the mempool when the agent is killed.
    await f.rpc("evm_setAutomine", [false]);
    expect((await api(agent, "POST", `/jobs/${id}/progress`, epochDone(0))).status).toBe(202);
    const pendingNonce = () => f.ctx.publicClient.getTransactionCount({ address: me, blockTag: "pending" });
    await eventually(async () => (await pendingNonce()) === nonce + 1, 10_000, "its tx in the mempool");
    await agent.kill();

    agent = start();
    await eventually(ready, 30_000, "the agent to be up again");
    // The trainer, restarted too, posts what it last knew; the agent holds back: its own earlier tx is pending.
    expect((await api(agent, "POST", `/jobs/${id}/progress`, epochDone(0))).status).toBe(202);
    await eventually(
      () => lines.some((l) => /sent by an earlier run .* waiting for them before acting/.test(l)),
      10_000,
      "the wait",
    );
    await f.rpc("evm_mine");
    await f.rpc("evm_setAutomine", [true]);
    await eventually(
      async () => (await api(agent, "GET", "/jobs")).json.jobs[0].progress.completedEpochs === 1,
      10_000,
      "epoch 0 seen",
    );
    // The chain has it: nothing more to send for it, and the trainer resumes from the chain.
    const job = (await api(agent, "GET", "/jobs")).json.jobs[0];
    expect(job.progress).toMatchObject({
      onChain: epochDone(0),
      completedEpochs: 1,
      queued: [],
      inFlight: null,
    });
    expect((await api(agent, "POST", `/jobs/${id}/progress`, epochDone(0))).json).toMatchObject({
      queued: false,
    });
    expect(
      (await api(agent, "POST", `/jobs/${id}/progress`, { taskType: 0, epoch: ALL, batch: ALL, status: 2 }))
        .status,
    ).toBe(202);
    await eventually(
      async () => (await f.read<ParticipantView[]>("getProgress", [id]))[0]!.partComplete,
      10_000,
      "the final completion",
    );
    await agent.stop();

    // One epoch completion and one final completion: two transactions of the node, no double.
    const updates = (await jobEvents(f, "JobStatusUpdated", id)).filter((e) => e.args.participant === me);
    expect(updates.map((e) => e.args.status)).toEqual([
      { taskType: TaskType.Training, epoch: 0, batch: ALL, status: Status.Completed },
      { taskType: TaskType.Training, epoch: ALL, batch: ALL, status: Status.Completed },
    ]);
    expect(await nonceOf(f, me)).toBe(nonce + 2);
    expect(await stateOf(f, id)).toBe(JobState.Completed);
  }, 90_000);

  it("the RPC goes away and comes back: the API still answers, the agent says so once and carries on", async () => {
    const gate = await startTcpGate(new URL(f.anvil.rpcUrl));
    const a = await startAgent(f, dos[1]!, {}, gate.url);
    try {
      await eventually(async () => (await a.call("GET", "/health")).json.ok === true, 20_000, "ready");
      const id = await dispatchJob(f, { ...spec, jobDos: [dos[1]!] });
      await eventually(
        async () =>
          (await a.call("GET", "/jobs")).json.jobs.some(
            (j: { id: string; state: string }) => j.id === id && j.state === "Dispatched",
          ),
        10_000,
        "dispatch",
      );
      await gate.close();
      await eventually(
        async () => (await a.call("GET", "/health")).json.ok === false,
        10_000,
        "the outage seen",
      );
      // Queued while the RPC is away, validated against the last known state.
      expect((await a.call("POST", `/jobs/${id}/progress`, epochDone(0))).status).toBe(202);
      const failures = a.lines.filter((l) => l.includes("RPC round failed")).length;
      expect(failures).toBeGreaterThan(0);
      await gate.open();
      await eventually(
        async () => (await f.read<ParticipantView[]>("getProgress", [id]))[0]!.completedEpochs === 1,
        20_000,
        "the update after the outage",
      );
      await eventually(
        () => a.lines.some((l) => /RPC is back after [\d.]+ s: resuming from the chain's state/.test(l)),
        10_000,
        "the line saying the RPC is back",
      );
      expect((await a.call("GET", "/health")).json.ok).toBe(true);
    } finally {
      await a.stop();
      await gate.close();
    }
  }, 60_000);
});
