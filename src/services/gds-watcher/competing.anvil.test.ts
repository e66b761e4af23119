// @vitest-environment node
// Another GDS instance acting on the same jobs (issue 6: "another GDS instance acting first (its
// action then simply no longer applies)"): a second account with GDS_ROLE, or a second watcher with
// the same key. Whatever the timing, every job is settled exactly once on chain and no watcher fails.
import { type Address, type Hex, parseGwei } from "viem";
import { describe, expect, it } from "vitest";
import { serviceClients } from "../shared/clients.ts";
import { LOCAL_CHAIN_ID } from "../../protocol/devAccounts.ts";
import { resolveSigner } from "./config.ts";
import { jobEvents, settledBy, stateOf } from "../shared/testing/job-events.ts";
import {
  admin,
  dispatchJob,
  dos,
  gds,
  type MarketFixture,
  placeOrder,
} from "../shared/testing/market-fixture.ts";
import { callRaw } from "../shared/testing/raw-send.ts";
import { nonceOf, selfReport } from "../shared/testing/scenarios.ts";
import { spec, TIMEOUT_BLOCKS, useMarket } from "./testing/suite.ts";
import { devAccount, eventually, makeWatcher, type TestWatcher } from "./testing/watcher-harness.ts";
import { ActionSender } from "../shared/sender.ts";
import { watcherActions } from "./actions.ts";
import { FailureReason, JobState } from "../../protocol/enums.ts";

/** A second GDS: spare dev account 12, granted GDS_ROLE for every test of this file. */
const otherGds = devAccount(12);

let f: MarketFixture;
useMarket(async (fixture) => {
  f = fixture;
  await f.send(admin, "grantRole", [await f.read<Hex>("GDS_ROLE"), otherGds.address]);
});

/** Far above the watcher's own tip: the other GDS's transaction goes first in the block. */
const HIGH_TIP = parseGwei("100");

const otherSpec = { ...spec, jobDos: dos.slice(3, 5), doPrices: [1_000n, 1_000n] };

/** Lines of a watcher that name job `id` with a transaction hash (sent, mined or reverted). */
function txLines(w: TestWatcher, id: Hex): string[] {
  return w.lines.filter((l) => l.includes(`job ${id.slice(0, 10)}`) && / → tx 0x/.test(l));
}

const mined = (w: TestWatcher) => w.lines.filter((l) => / → tx 0x[0-9a-f]{64} \(block \d+\)$/.test(l));
const reverted = (w: TestWatcher) => w.lines.filter((l) => l.includes(" reverted in block "));

describe("another GDS instance acting on the same jobs", () => {
  it("acted first and the chain shows it: nothing is sent, even for a decision made before (it simulates first)", async () => {
    const id = await dispatchJob(f, spec);
    await f.mine(TIMEOUT_BLOCKS + 1);
    const decidedAt = await f.blockNumber();
    const offenders = [...spec.jobDos, ...spec.jobMpcs];
    await f.send(otherGds.address, "reportFailure", [id, offenders, FailureReason.HeartbeatTimeout]);
    const nonce = await nonceOf(f, gds);

    // A decision taken at the block before the other GDS's report, as a slow scan would give.
    const lines: string[] = [];
    const clients = serviceClients(f.anvil.rpcUrl, LOCAL_CHAIN_ID, resolveSigner({}, LOCAL_CHAIN_ID));
    const sender = new ActionSender({
      ...clients,
      market: f.market,
      log: (l) => lines.push(l),
      ...watcherActions,
    });
    const stale = {
      kind: "reportFailure" as const,
      jobId: id,
      offenders: offenders.map((account) => ({ account, role: 1, lastSeen: 0n })),
      reason: FailureReason.HeartbeatTimeout,
    };
    expect(await sender.submit([stale], decidedAt)).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/: no longer applies \(JobMarketWrongState\); not sent$/)]);

    const { watcher, lines: watcherLines } = makeWatcher(f.anvil.rpcUrl, f);
    expect((await watcher.tick()).sent).toBe(0);
    expect(watcherLines.filter((l) => l.includes(id.slice(0, 10)))).toEqual([]);
    expect(await nonceOf(f, gds)).toBe(nonce);
    expect(await settledBy(f, id)).toBe(otherGds.address);
  });

  it("a second watcher deciding after ours sent does not send: anvil's gas estimate runs against the pending block", async () => {
    const id = await dispatchJob(f, spec);
    await f.mine(TIMEOUT_BLOCKS + 1);
    await f.rpc("evm_setAutomine", [false]);
    const ours = makeWatcher(f.anvil.rpcUrl, f);
    const theirs = makeWatcher(f.anvil.rpcUrl, f, { account: otherGds });
    expect((await ours.watcher.tick()).sent).toBe(1);
    expect((await theirs.watcher.tick()).sent).toBe(0);
    expect(theirs.lines.at(-1)).toMatch(/: no longer applies \(JobMarketWrongState\); not sent$/);
    await f.rpc("evm_mine");
    await ours.watcher.tick();
    expect(await settledBy(f, id)).toBe(gds);
    expect(mined(ours)).toHaveLength(1);
  });

  it("its transaction in flight when another GDS's lands first in the same block: the revert is said once, not retried, and it carries on", async () => {
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);
    const w = { watcher, lines } as TestWatcher;
    /**
     * The watcher sends; the other GDS sends `front` with a higher tip; one block mines both; then
     * a few rounds and a block more. Returns how many transactions the GDS sent in all.
     */
    const frontRun = async (front: { functionName: string; args: readonly unknown[] }) => {
      const nonce = await nonceOf(f, gds);
      await f.rpc("evm_setAutomine", [false]);
      const { sent } = await watcher.tick();
      await callRaw(f, otherGds.address, front.functionName, front.args, { priorityFee: HIGH_TIP });
      await f.rpc("evm_mine");
      await f.rpc("evm_setAutomine", [true]);
      for (let i = 0; i < 2; i++) await watcher.tick();
      await f.mine(1);
      await watcher.tick();
      expect(await nonceOf(f, gds)).toBe(nonce + sent);
      return sent;
    };

    const timedOut = await dispatchJob(f, spec);
    await f.mine(TIMEOUT_BLOCKS + 1);
    const offenders = [...spec.jobDos, ...spec.jobMpcs];
    expect(await frontRun({ functionName: "reportFailure", args: [timedOut, offenders, 1] })).toBe(1);
    expect(reverted(w)).toEqual([
      expect.stringMatching(
        /reportFailure job 0x\w{8}… .* → tx 0x\w{64} reverted in block \d+ \(JobMarketWrongState; job is now Failed\): no longer applies$/,
      ),
    ]);

    // Next: an expired order the other GDS cancels first, and a timed-out job it leaves to us.
    const order = await placeOrder(f, otherSpec);
    const ours = await dispatchJob(f, { ...spec, jobDos: dos.slice(0, 2), doPrices: [1n, 1n] });
    await f.mine(TIMEOUT_BLOCKS + 1);
    expect(await frontRun({ functionName: "cancelJob", args: [order, 0n] })).toBe(2);
    expect(reverted(w)).toHaveLength(2);
    expect(reverted(w)[1]).toMatch(
      /cancelJob job .* \(JobMarketWrongState; job is now Cancelled\): no longer applies$/,
    );

    for (const job of [timedOut, order, ours]) {
      expect(await jobEvents(f, "JobSettled", job)).toHaveLength(1);
      expect(txLines(w, job)).toHaveLength(1);
    }
    expect(await settledBy(f, timedOut)).toBe(otherGds.address);
    expect(await settledBy(f, order)).toBe(otherGds.address);
    expect(await settledBy(f, ours)).toBe(gds);
    expect(mined(w)).toHaveLength(1);
    expect(lines.filter((l) => l.includes("failed"))).toEqual([]);
  });

  it("three watchers running at once (two with the same key, one with another GDS key): each job is acted on exactly once", async () => {
    // Four jobs that all need an action at the same block: two timed out, one aborting, one expired.
    const timedOut = [await dispatchJob(f, spec), await dispatchJob(f, otherSpec)];
    const aborting = await dispatchJob(f, { ...spec, jobDos: dos.slice(0, 2), doPrices: [1n, 1n] });
    await selfReport(f, aborting, dos[0]!);
    const expired = await placeOrder(f, spec);
    await f.mine(TIMEOUT_BLOCKS + 1);
    const jobs = [...timedOut, aborting, expired];

    const watchers = [
      makeWatcher(f.anvil.rpcUrl, f),
      makeWatcher(f.anvil.rpcUrl, f),
      makeWatcher(f.anvil.rpcUrl, f, { account: otherGds }),
    ];
    const stop = new AbortController();
    const running = watchers.map((w) => w.watcher.run(stop.signal));
    try {
      await eventually(
        async () =>
          (await Promise.all(jobs.map((id) => stateOf(f, id)))).every((s) => s >= JobState.Completed),
        15_000,
        "every job settled",
      );
      // A few more blocks: each watcher follows what it sent and must not act again.
      for (let i = 0; i < 3; i++) {
        await f.mine(1);
        await new Promise((r) => setTimeout(r, 150));
      }
    } catch (error) {
      const said = watchers.map((w, i) => `watcher ${i}:\n${w.lines.join("\n")}`).join("\n");
      throw new Error(`${(error as Error).message}; the watchers said:\n${said}`);
    } finally {
      stop.abort();
      await Promise.all(running);
    }

    const settlers: Address[] = [];
    for (const id of jobs) {
      expect(await jobEvents(f, "JobSettled", id)).toHaveLength(1);
      settlers.push(await settledBy(f, id));
      for (const w of watchers) expect(txLines(w, id).length).toBeLessThanOrEqual(1);
    }
    expect(settlers.every((s) => s === gds || s === otherGds.address)).toBe(true);
    const taken = watchers.map((w) => Object.values(w.watcher.actionsTaken()).reduce((a, b) => a + b, 0));
    expect(taken.reduce((a, b) => a + b, 0)).toBe(jobs.length);
    for (const w of watchers) {
      // No round failed (a crash inside a round is retried and said as "RPC round failed"), but for
      // anvil's --prune-history dropping the "latest" state under a read while blocks are mined (a
      // loaded machine sees it now and then; the next round reads again, and a real node keeps that state).
      const failed = w.lines.filter((l) => l.includes("round failed") && !l.includes("BlockOutOfRange"));
      expect(failed).toEqual([]);
      for (const line of reverted(w)) expect(line).toMatch(/no longer applies$/);
    }
  });
});
