// @vitest-environment node
// An agent kept running never lets its node time out: 3 × timeoutBlocks mined in bursts (each below
// the heartbeat margin, the agent catching up between them), with heartbeats only when due and none
// while status updates keep the job fresh. And two DOs' final completions landing in one block both
// succeed: the one that settles carries the settlement's gas (docs/rules.md §13).
import type { Hex } from "viem";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ALL, JobState, Status, TaskType } from "../../protocol/enums.ts";
import { gasLimitFor, withGasMargin } from "../../protocol/gas.ts";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import { serviceClients } from "../shared/clients.ts";
import { dispatchJob, dos, type MarketFixture, mpcs, startMarket } from "../shared/testing/market-fixture.ts";
import { jobEvents, stateOf } from "../shared/testing/job-events.ts";
import { caughtUp, devSigner, eventually, startAgent, type TestAgent } from "./testing/agent-harness.ts";

const TIMEOUT_BLOCKS = 20;
let f: MarketFixture;
beforeAll(async () => {
  f = await startMarket({ timeoutBlocks: TIMEOUT_BLOCKS });
}, 60_000);
afterEach(async () => {
  await f.rpc("evm_setAutomine", [true]);
});
afterAll(async () => {
  await f?.stop();
});

/** isTimedOut, read again if anvil (--prune-history) dropped the block under the call. */
async function timedOut(id: Hex, who: string): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await f.read<boolean>("isTimedOut", [id, who]);
    } catch (error) {
      if (attempt > 5) throw error;
    }
  }
}

/** Heartbeats the agent saw mined (the chain's own log search is unreliable under --prune-history). */
const heartbeats = (a: TestAgent) => a.agent.sender.actionsTaken().heartbeat ?? 0;

describe("liveness", () => {
  it(`never times out across 3 × timeoutBlocks (${3 * TIMEOUT_BLOCKS}) mined in bursts`, async () => {
    const me = dos[0]!;
    // Display-only progress may go every time (interval 0), for the second half of the test.
    const a = await startAgent(f, me, { progressIntervalMs: 0 });
    try {
      await eventually(async () => (await a.call("GET", "/health")).json.ok === true, 20_000, "ready");
      const id = await dispatchJob(f, {
        jobDos: [me, dos[1]!],
        doPrices: [1_000n, 1_000n],
        jobMpcs: mpcs.slice(0, 1),
        mpcPrice: 500n,
      });
      await caughtUp(f, a);
      const start = await f.blockNumber();
      // Bursts of 1–4 blocks: the margin is max(1, 20 / 4) = 5 blocks.
      const bursts = [4, 1, 3, 4, 2, 4, 4, 1, 3, 2];
      let i = 0;
      while ((await f.blockNumber()) < start + BigInt(3 * TIMEOUT_BLOCKS)) {
        await f.mine(bursts[i++ % bursts.length]!);
        await caughtUp(f, a);
        expect(await timedOut(id, me)).toBe(false);
      }
      // The other DO, without an agent, did time out: the test could fail.
      expect(await timedOut(id, dos[1]!)).toBe(true);
      const beats = heartbeats(a);
      // A heartbeat about every 15 blocks (timeoutBlocks - margin), never one per block.
      expect(beats).toBeGreaterThanOrEqual(3);
      expect(beats).toBeLessThanOrEqual(6);
      expect(a.lines.join("\n")).toMatch(
        /heartbeat: 1 job\(s\) would time this node out soon \(due since block \d+\) → tx 0x\w+ \(block \d+\)/,
      );

      // Progress every few blocks refreshes the job: no heartbeat is needed meanwhile.
      const before = heartbeats(a);
      for (let batch = 0; batch < 10; batch++) {
        await a.call("POST", `/jobs/${id}/progress`, {
          taskType: "Training",
          epoch: 0,
          batch,
          status: "Started",
        });
        await caughtUp(f, a);
        await f.mine(4);
        await caughtUp(f, a);
      }
      expect(heartbeats(a)).toBe(before);
      expect(await timedOut(id, me)).toBe(false);
    } finally {
      await a.stop();
    }
  }, 120_000);
});

describe("two final completions in one block", () => {
  const spec = {
    jobDos: dos.slice(0, 2),
    doPrices: [1_000n, 1_000n],
    jobMpcs: mpcs.slice(0, 1),
    mpcPrice: 500n,
  };
  const final = { taskType: TaskType.Training, epoch: ALL, batch: ALL, status: Status.Completed };

  /** Both DOs' final completions estimated before either is mined, sent with `gas`, mined in one block. */
  async function race(gas: (estimate: bigint) => bigint): Promise<("success" | "reverted")[]> {
    const id = await dispatchJob(f, spec);
    const wallets = spec.jobDos.map((d) => serviceClients(f.anvil.rpcUrl, 31337, devSigner(d)));
    const request = (i: number) =>
      ({
        address: f.market,
        abi: jobMarketAbi,
        functionName: "updateJobStatus",
        args: [id, final],
        account: wallets[i]!.wallet.account!,
      }) as const;
    const estimates = await Promise.all(
      [0, 1].map((i) => f.ctx.publicClient.estimateContractGas(request(i))),
    );
    await f.rpc("evm_setAutomine", [false]);
    const hashes = await Promise.all(
      [0, 1].map((i) =>
        wallets[i]!.wallet.writeContract({
          ...request(i),
          chain: wallets[i]!.chain,
          gas: gas(estimates[i]!),
        }),
      ),
    );
    await f.rpc("evm_mine");
    await f.rpc("evm_setAutomine", [true]);
    const receipts = await Promise.all(
      hashes.map((hash) => f.ctx.publicClient.getTransactionReceipt({ hash })),
    );
    expect(receipts[0]!.blockNumber).toBe(receipts[1]!.blockNumber);
    return receipts.map((r) => r.status);
  }

  it("with only the estimate's margin the second runs out of gas (why the allowance exists)", async () => {
    expect(await race(withGasMargin)).toContain("reverted");
  });

  it("with the settlement's allowance, as the agent and the dApp send them, both succeed and the job completes", async () => {
    expect(await race((estimate) => gasLimitFor(estimate, 3))).toEqual(["success", "success"]);
  });

  it("through two agents posting at once", async () => {
    const agents = await Promise.all(spec.jobDos.map((d) => startAgent(f, d)));
    try {
      await Promise.all(
        agents.map((a) =>
          eventually(async () => (await a.call("GET", "/health")).json.ok === true, 20_000, "ready"),
        ),
      );
      const id = await dispatchJob(f, spec);
      await Promise.all(agents.map((a) => caughtUp(f, a)));
      await f.rpc("evm_setAutomine", [false]);
      await Promise.all(
        agents.map((a) =>
          a.call("POST", `/jobs/${id}/progress`, { taskType: 0, epoch: "ALL", batch: "ALL", status: 2 }),
        ),
      );
      await eventually(
        async () =>
          (await f.rpc<{ pending: Record<string, unknown> }>("txpool_content")).pending &&
          (await f.ctx.publicClient.getBlockTransactionCount({ blockTag: "pending" })) === 2,
        10_000,
        "both in the mempool",
      );
      await f.rpc("evm_mine");
      await f.rpc("evm_setAutomine", [true]);
      await eventually(
        async () => (await stateOf(f, id)) === JobState.Completed,
        10_000,
        "the job to complete",
      );
      const updates = await jobEvents(f, "JobStatusUpdated", id);
      expect(new Set(updates.map((u) => u.blockNumber)).size).toBe(1);
      expect(updates).toHaveLength(2);
    } finally {
      await Promise.all(agents.map((a) => a.stop()));
    }
  }, 60_000);
});
