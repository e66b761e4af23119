// @vitest-environment node
// The watcher against a real anvil: the scenarios of issue 6, each settlement exactly the money model's
// (docs/rules.md §6) to the wei.
import type { Address, Hex } from "viem";
import { describe, expect, it } from "vitest";
import { jobMembers, movesOf, paidInFull, readSettlement } from "../../../scripts/lib/settlement-oracle.ts";
import { startTcpGate } from "../../../scripts/lib/tcp-gate.ts";
import { FailureReason, JobState } from "../../protocol/enums.ts";
import { settleFailure, type OffenderMark } from "../../protocol/money/index.ts";
import type { JobView } from "../../protocol/views.ts";
import {
  dispatchJob,
  dos,
  gds,
  type MarketFixture,
  placeOrder,
  priceOfSpec,
} from "../shared/testing/market-fixture.ts";
import { startWatcherProcess } from "../../../scripts/lib/spawn-watcher.ts";
import { jobEvents, stateOf } from "../shared/testing/job-events.ts";
import { letOneGoSilent, selfReport } from "../shared/testing/scenarios.ts";
import { eventually, makeWatcher } from "./testing/watcher-harness.ts";
import { ORDER_EXPIRY_BLOCKS, spec, useMarket } from "./testing/suite.ts";

let f: MarketFixture;
useMarket((fixture) => {
  f = fixture;
});

/**
 * What the model says a failure settlement of the suite's job (paid exactly its price) moves, with the
 * job's own snapshotted parameters: reportFailure pays good DOs their fee, settleAbort by completed
 * epochs (none here).
 */
async function expectedFailure(id: Hex, offenders: OffenderMark[], byEpochs: boolean) {
  const job = await f.read<JobView>("getJob", [id]);
  const price = await priceOfSpec(f, spec);
  return settleFailure(
    paidInFull(gds, price),
    jobMembers({ dos: spec.jobDos, doPrices: spec.doPrices, factor: 1 }, spec.jobMpcs, price),
    offenders,
    { ...job.params, byEpochs, totalEpochs: job.totalEpochs },
  );
}

describe("GDS watcher on a real chain", () => {
  it.each(["lens", "rpc-batch"] as const)(
    "reports a silent DO within a few blocks, with the exact fines and compensation of docs/rules.md §6 (reads by %s)",
    async (readMode) => {
      const id = await dispatchJob(f, spec);
      const silent = spec.jobDos[2]!;
      const good = spec.jobDos.slice(0, 2);
      const mpc = spec.jobMpcs[0]!;
      const timedOutAt = await letOneGoSilent(f, id, silent, [...good, mpc]);

      const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f, { readMode });
      for (let i = 0; i < 5 && (await stateOf(f, id)) !== JobState.Failed; i++) {
        await watcher.tick();
        await f.mine(1);
      }
      expect(await stateOf(f, id)).toBe(JobState.Failed);
      await watcher.tick(); // follows its transaction: the action line
      const [settled] = await jobEvents(f, "JobSettled", id);
      expect(settled!.blockNumber - timedOutAt).toBeLessThanOrEqual(3n);
      const tx = await f.ctx.publicClient.getTransaction({ hash: settled!.transactionHash });
      expect(tx.from.toLowerCase()).toBe(gds.toLowerCase());

      // One offender (k = 1) pays detectedFineBps of C; good DOs get their fee first, the remainder
      // goes by the Horizontal shares (GDS, MPCs, DOs), the dust to the GDS.
      const expected = await expectedFailure(
        id,
        [{ account: silent, reason: FailureReason.HeartbeatTimeout }],
        false,
      );
      expect(expected.fines.map((x) => x.account)).toEqual([silent]);
      expect((await priceOfSpec(f, spec)).collateral).toBe(3_000n);
      expect(await readSettlement(f.ctx.publicClient, f.market, id)).toEqual(movesOf(expected));

      const actionLines = lines.filter((l) => l.includes("reportFailure"));
      expect(actionLines).toHaveLength(1);
      expect(actionLines[0]).toMatch(
        new RegExp(
          `^\\[block \\d+\\] reportFailure job ${id.slice(0, 10)}… offenders DO 0x\\w{4}…\\w{4} \\(DO 3\\) silent since block \\d+; reason HeartbeatTimeout → tx ${settled!.transactionHash} \\(block ${settled!.blockNumber}\\)$`,
        ),
      );
    },
  );

  it("settles a self-reported failure at once, or after the configured delay", async () => {
    const id = await dispatchJob(f, spec);
    const reporter = spec.jobDos[1]!;
    await f.send(reporter, "updateJobStatus", [id, { taskType: 0, epoch: 0, batch: 0, status: 3 }]);
    expect(await stateOf(f, id)).toBe(JobState.Aborting);
    const abortedAt = (await f.read<{ abortedAt: bigint }>("getJob", [id])).abortedAt;

    const delayed = makeWatcher(f.anvil.rpcUrl, f, { settleDelayBlocks: 3n });
    await delayed.watcher.tick(); // block abortedAt: too early for a 3-block delay
    await f.mine(1);
    await delayed.watcher.tick(); // abortedAt + 1
    expect(await stateOf(f, id)).toBe(JobState.Aborting);
    await f.mine(2);
    await delayed.watcher.tick(); // abortedAt + 3: settles
    await eventually(async () => (await stateOf(f, id)) === JobState.Failed, 5_000, "the settlement");
    const [settled] = await jobEvents(f, "JobSettled", id);
    expect(settled!.blockNumber).toBe(abortedAt + 4n);

    // The self-reporter alone (k = 1) pays selfReportFineBps of C.
    const expected = await expectedFailure(
      id,
      [{ account: reporter, reason: FailureReason.SelfReported }],
      true,
    );
    expect(await readSettlement(f.ctx.publicClient, f.market, id)).toEqual(movesOf(expected));
    await delayed.watcher.tick();
    expect(delayed.lines.filter((l) => l.includes("settleAbort"))).toHaveLength(1);
  });

  it("an Aborting job with a participant timed out at the abort block is only settled, and both are fined", async () => {
    const id = await dispatchJob(f, spec);
    const [good, reporter, silent] = spec.jobDos as [Address, Address, Address];
    await letOneGoSilent(f, id, silent, [good, reporter, spec.jobMpcs[0]!]);
    await selfReport(f, id, reporter);
    // While Aborting the contract still says the silent DO is timed out (recorded at the abort):
    // the watcher must not report it (no failure may be reported while Aborting), only settle.
    expect(await f.read<boolean>("isTimedOut", [id, silent])).toBe(true);
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f, { settleDelayBlocks: 2n });
    for (let i = 0; i < 4 && (await stateOf(f, id)) === JobState.Aborting; i++) {
      await watcher.tick();
      await f.mine(1);
    }
    await watcher.tick();
    expect(await stateOf(f, id)).toBe(JobState.Failed);
    expect(lines.filter((l) => l.includes("reportFailure"))).toEqual([]);
    expect(lines.filter((l) => l.includes("settleAbort"))).toHaveLength(1);

    // docs/rules.md §6 rule 1 with k = 2: the self-reporter at selfReportFineBps, the silent DO at
    // detectedFineBps, each of C / 2.
    const expected = await expectedFailure(
      id,
      [
        { account: reporter, reason: FailureReason.SelfReported },
        { account: silent, reason: FailureReason.HeartbeatTimeout },
      ],
      true,
    );
    expect(expected.fines.map((x) => x.account)).toEqual([reporter, silent]);
    expect(await readSettlement(f.ctx.publicClient, f.market, id)).toEqual(movesOf(expected));
  });

  it("cancels an expired order, not a moment before it expires", async () => {
    const id = await placeOrder(f, spec);
    const { orderedAt } = await f.read<{ orderedAt: bigint }>("getJob", [id]);
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);
    await f.mine(Number(orderedAt) + ORDER_EXPIRY_BLOCKS - 1 - Number(await f.blockNumber()));
    await watcher.tick(); // block orderedAt + expiry - 1: still valid
    expect(await stateOf(f, id)).toBe(JobState.Ordered);
    await f.mine(1);
    await watcher.tick();
    await eventually(async () => (await stateOf(f, id)) === JobState.Cancelled, 5_000, "the cancellation");
    const [settled] = await jobEvents(f, "JobSettled", id);
    expect(settled!.args.finalState).toBe(JobState.Cancelled);
    await watcher.tick();
    expect(lines.filter((l) => l.includes("cancelJob"))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(
      /cancelJob job 0x\w{8}…: the order expired at block \d+ without dispatch → tx 0x/,
    );
  });

  it("restarted while its transaction is still pending, it does not act twice", async () => {
    const id = await dispatchJob(f, spec);
    await letOneGoSilent(f, id, spec.jobDos[2]!, [...spec.jobDos.slice(0, 2), spec.jobMpcs[0]!]);
    const nonceBefore = await f.ctx.publicClient.getTransactionCount({ address: gds });

    await f.rpc("evm_setAutomine", [false]);
    const first = makeWatcher(f.anvil.rpcUrl, f);
    expect((await first.watcher.tick()).sent).toBe(1);
    // "Killed": its memory is gone; a fresh process sees the job still Dispatched and timed out.
    const second = makeWatcher(f.anvil.rpcUrl, f);
    expect((await second.watcher.tick()).sent).toBe(0);
    expect(second.lines.join("\n")).toMatch(
      /1 transaction\(s\) of 0x\w+ sent by an earlier run \(or another watcher with this key\) are not mined yet/,
    );
    await f.rpc("evm_mine");
    await f.rpc("evm_setAutomine", [true]);
    await f.mine(2);
    expect((await second.watcher.tick()).sent).toBe(0);

    expect(await stateOf(f, id)).toBe(JobState.Failed);
    expect(await jobEvents(f, "JobSettled", id)).toHaveLength(1);
    expect(await f.ctx.publicClient.getTransactionCount({ address: gds })).toBe(nonceBefore + 1);
  });

  it("the npm run gds:watch process, killed and restarted mid-way, never acts twice on a job", async () => {
    const jobA = await dispatchJob(f, spec);
    const jobB = await dispatchJob(f, { ...spec, jobDos: dos.slice(3, 5), doPrices: [1_000n, 1_000n] });
    await letOneGoSilent(f, jobA, spec.jobDos[2]!, [
      ...spec.jobDos.slice(0, 2),
      spec.jobMpcs[0]!,
      ...dos.slice(3, 5),
    ]);
    const runWatcher = () => {
      let output = "";
      const watcher = startWatcherProcess({
        rpcUrl: f.anvil.rpcUrl,
        env: { JOB_MARKET_ADDRESS: f.market, JOB_MARKET_LENS_ADDRESS: f.lens, GDS_WATCHER_POLL_MS: "50" },
        log: (line) => (output += `${line}\n`),
      });
      return { watcher, output: () => output };
    };

    const first = runWatcher();
    await eventually(
      () => first.output().includes(`reportFailure job ${jobA.slice(0, 10)}`),
      20_000,
      "job A's report",
    );
    process.kill(first.watcher.pid, "SIGKILL"); // no chance to clean up
    await first.watcher.exited;
    expect(await stateOf(f, jobA)).toBe(JobState.Failed);

    // While it is down, job B's DOs go silent too.
    await letOneGoSilent(f, jobB, dos[3]!, [spec.jobMpcs[0]!]);
    const second = runWatcher();
    try {
      await eventually(
        () => second.output().includes(`reportFailure job ${jobB.slice(0, 10)}`),
        20_000,
        "job B's report",
      );
      await f.mine(3);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await second.watcher.stop();
    }
    expect(second.output()).not.toContain(jobA.slice(0, 10));
    expect(await stateOf(f, jobB)).toBe(JobState.Failed);
    expect(await jobEvents(f, "JobSettled", jobA)).toHaveLength(1);
    expect(await jobEvents(f, "JobSettled", jobB)).toHaveLength(1);
    // Both DOs of job B were silent: one report names both (docs/rules.md §6.1 would fine both anyway).
    const finedB = await jobEvents(f, "Fined", jobB);
    expect(finedB.map((e) => e.args.offender)).toHaveLength(2);
  }, 45_000);

  it("with the RPC gone for a while, says so, retries with backoff, and acts once it is back", async () => {
    const id = await dispatchJob(f, spec);
    const gate = await startTcpGate(new URL(f.anvil.rpcUrl));
    const { watcher, lines } = makeWatcher(gate.url, f);
    const stop = new AbortController();
    const running = watcher.run(stop.signal);
    try {
      await eventually(() => lines.some((l) => l.includes("GDS_ROLE")), 5_000, "the first round");
      await gate.close();
      await letOneGoSilent(f, id, spec.jobDos[2]!, [...spec.jobDos.slice(0, 2), spec.jobMpcs[0]!]);
      await eventually(
        () => lines.filter((l) => l.includes("RPC round failed")).length >= 3,
        10_000,
        "retries",
      );
      expect(await stateOf(f, id)).toBe(JobState.Dispatched);
      await gate.open();
      // Generous waits: under a fully loaded machine (the whole suite on two cores) a round is slow.
      await eventually(
        async () => (await stateOf(f, id)) === JobState.Failed,
        15_000,
        "the report after recovery",
      );
      await eventually(() => lines.some((l) => l.includes("reportFailure")), 15_000, "the action line");
    } catch (error) {
      throw new Error(`${(error as Error).message}; the watcher said:\n${lines.slice(-8).join("\n")}`);
    } finally {
      stop.abort();
      await running;
      await gate.close();
    }
    const failures = lines.filter((l) => l.includes("RPC round failed"));
    // Backoff: the announced delays grow (0.1, 0.2, 0.4 s, then capped).
    expect(failures.slice(0, 3).map((l) => l.match(/in (\d+\.\d) s/)?.[1])).toEqual(["0.1", "0.2", "0.4"]);
    expect(lines.some((l) => /RPC is back after \d+\.\d s/.test(l))).toBe(true);
    expect(lines.filter((l) => l.includes("reportFailure"))).toHaveLength(1);
  }, 45_000);
});
