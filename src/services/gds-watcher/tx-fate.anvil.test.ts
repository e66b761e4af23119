// @vitest-environment node
// The watcher's own transaction does not simply get mined (issue 6: "survives a transaction that
// fails or is replaced"): dropped from the mempool, replaced by the same key, reverted on chain.
// Automine is off while the transaction is in flight, so the test decides what the next block holds.
import { type Hex, numberToHex, parseGwei } from "viem";
import { describe, expect, it } from "vitest";
import {
  admin,
  dispatchJob,
  dos,
  gds,
  type MarketFixture,
  placeOrder,
} from "../shared/testing/market-fixture.ts";
import { jobEvents, settledBy, stateOf } from "../shared/testing/job-events.ts";
import { callRaw, sendRaw } from "../shared/testing/raw-send.ts";
import { nonceOf, selfReport } from "../shared/testing/scenarios.ts";
import { devAccount, makeWatcher } from "./testing/watcher-harness.ts";
import { MAX_REVERTS_PER_JOB } from "../shared/revert-outcome.ts";
import { ABORT_GRACE_BLOCKS, ORDER_EXPIRY_BLOCKS, spec, TIMEOUT_BLOCKS, useMarket } from "./testing/suite.ts";
import { JobState } from "../../protocol/enums.ts";

/** Far above the watcher's own fees: replaces its transaction, or goes first in the block. */
const HIGH_TIP = parseGwei("100");

let f: MarketFixture;
useMarket((fixture) => {
  f = fixture;
});

/** A dispatched job whose participants all went silent: one report names all four. */
async function timedOutJob(): Promise<Hex> {
  const id = await dispatchJob(f, spec);
  await f.mine(TIMEOUT_BLOCKS + 1);
  return id;
}

const mined = (lines: string[]) => lines.filter((l) => / → tx 0x[0-9a-f]{64} \(block \d+\)$/.test(l));

describe("the watcher's transaction is dropped, replaced or reverted", () => {
  it("dropped from the mempool: noticed at the next block and sent again, acting once", async () => {
    const id = await timedOutJob();
    const nonce = await nonceOf(f, gds);
    await f.rpc("evm_setAutomine", [false]);
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);
    expect((await watcher.tick()).sent).toBe(1);
    await f.rpc("anvil_dropAllTransactions");
    await f.rpc("evm_mine"); // an empty block: the transaction is neither mined nor waiting

    expect((await watcher.tick()).sent).toBe(1);
    expect(lines.join("\n")).toMatch(/reportFailure job 0x\w{8}… .* → tx 0x\w+ was dropped from the mempool/);
    await f.rpc("evm_mine");
    await watcher.tick();
    expect(await stateOf(f, id)).toBe(JobState.Failed);
    expect(await settledBy(f, id)).toBe(gds);
    // The resend reused the dropped transaction's nonce: one transaction of the GDS in all.
    expect(await nonceOf(f, gds)).toBe(nonce + 1);
    expect(mined(lines)).toHaveLength(1);
  });

  it("priced out by a base fee spike (anvil then drops it): sent again at the new fees, acting once", async () => {
    const id = await timedOutJob();
    const nonce = await nonceOf(f, gds);
    await f.rpc("evm_setAutomine", [false]);
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);
    expect((await watcher.tick()).sent).toBe(1);
    await f.rpc("anvil_setNextBlockBaseFeePerGas", [numberToHex(parseGwei("1000"))]);
    await f.rpc("evm_mine"); // its fee cap is below this block's base fee: not mined, dropped

    expect((await watcher.tick()).sent).toBe(1);
    expect(lines.join("\n")).toMatch(/ → tx 0x\w+ was dropped from the mempool/);
    await f.rpc("evm_mine");
    await watcher.tick();
    expect(await settledBy(f, id)).toBe(gds);
    expect(await nonceOf(f, gds)).toBe(nonce + 1);
    expect(mined(lines)).toHaveLength(1);
  });

  it("replaced by another transaction of the same key (a cancel from a wallet): decides again next block", async () => {
    const id = await timedOutJob();
    const nonce = await nonceOf(f, gds);
    await f.rpc("evm_setAutomine", [false]);
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);
    expect((await watcher.tick()).sent).toBe(1);
    // A person cancels it: a zero-value transfer to itself with the same nonce and a higher fee.
    await sendRaw(f, gds, { to: gds }, { nonce, priorityFee: HIGH_TIP, gas: 21_000n });
    await f.rpc("evm_mine");
    expect(await stateOf(f, id)).toBe(JobState.Dispatched);

    expect((await watcher.tick()).sent).toBe(1);
    expect(lines.join("\n")).toMatch(
      / → tx 0x\w+ was replaced \(its nonce \d+ was used by another transaction\)/,
    );
    await f.rpc("evm_mine");
    await watcher.tick();
    expect(await settledBy(f, id)).toBe(gds);
    expect(await nonceOf(f, gds)).toBe(nonce + 2);
    expect(mined(lines)).toHaveLength(1);
  });

  it("sped up by the same key with the same call: forgets its own hash and sends nothing more", async () => {
    const id = await timedOutJob();
    const nonce = await nonceOf(f, gds);
    await f.rpc("evm_setAutomine", [false]);
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);
    expect((await watcher.tick()).sent).toBe(1);
    const offenders = [...spec.jobDos, ...spec.jobMpcs];
    await callRaw(f, gds, "reportFailure", [id, offenders, 1], { nonce, priorityFee: HIGH_TIP });
    await f.rpc("evm_mine");

    expect((await watcher.tick()).sent).toBe(0);
    await f.rpc("evm_mine");
    expect((await watcher.tick()).sent).toBe(0);
    expect(lines.join("\n")).toMatch(/was replaced/);
    expect(await settledBy(f, id)).toBe(gds);
    expect(await nonceOf(f, gds)).toBe(nonce + 1);
    expect(lines.filter((l) => l.includes("reverted"))).toEqual([]);
  });

  it("reverted on chain for another reason (its GDS role revoked in the same block): says why, re-reads its role, carries on", async () => {
    const aborting = await dispatchJob(f, spec);
    const expiring = await placeOrder(f, { ...spec, jobDos: dos.slice(3, 5), doPrices: [1_000n, 1_000n] });
    const abortedAt = await selfReport(f, aborting, spec.jobDos[1]!);
    const nonce = await nonceOf(f, gds);
    await f.rpc("evm_setAutomine", [false]);
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);
    expect((await watcher.tick()).sent).toBe(1); // the GDS may settle at once
    const gdsRole = await f.read<Hex>("GDS_ROLE");
    await callRaw(f, admin, "revokeRole", [gdsRole, gds], { priorityFee: HIGH_TIP });
    await f.rpc("evm_mine"); // the revocation first, then the settlement: it reverts
    await f.rpc("evm_setAutomine", [true]);

    await watcher.tick();
    const text = () => lines.join("\n");
    expect(text()).toMatch(
      /settleAbort job 0x\w{8}…: .* → tx 0x\w+ reverted in block \d+ \(JobMarketGraceNotOver; job is now Aborting\)/,
    );
    expect(text()).toMatch(/does NOT hold GDS_ROLE/);
    // As anyone now: it waits for the grace, and cancels the order once it expires.
    for (let i = 0; i < ORDER_EXPIRY_BLOCKS + 2; i++) {
      await f.mine(1);
      await watcher.tick();
    }
    await watcher.tick();
    expect(await stateOf(f, aborting)).toBe(JobState.Failed);
    expect(await stateOf(f, expiring)).toBe(JobState.Cancelled);
    const [settled] = await jobEvents(f, "JobSettled", aborting);
    expect(settled!.blockNumber).toBeGreaterThanOrEqual(abortedAt + BigInt(ABORT_GRACE_BLOCKS));
    expect(await settledBy(f, aborting)).toBe(gds);
    expect(await settledBy(f, expiring)).toBe(gds);
    // One reverted transaction, then one settlement and one cancellation: nothing tried in between.
    expect(await nonceOf(f, gds)).toBe(nonce + 3);
    expect(lines.filter((l) => l.includes("not sent") || l.includes("failed"))).toEqual([]);
  });

  it("reverting again and again for a reason the chain no longer shows: gives up on that job after 3, says so, acts on the others", async () => {
    const aborting = await dispatchJob(f, spec);
    const expiring = await placeOrder(f, { ...spec, jobDos: dos.slice(3, 5), doPrices: [1_000n, 1_000n] });
    const gdsRole = await f.read<Hex>("GDS_ROLE");
    // A second admin grants the role back: its transaction is ordered by its own (lowest) fees.
    const otherAdmin = devAccount(13).address;
    await f.send(admin, "grantRole", [await f.read<Hex>("DEFAULT_ADMIN_ROLE"), otherAdmin]);
    // Last, so that the three rounds below end before the grace (after it, anyone may settle).
    await selfReport(f, aborting, spec.jobDos[1]!);
    const nonce = await nonceOf(f, gds);
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f, { statusEveryBlocks: 1n });
    await f.rpc("evm_setAutomine", [false]);
    expect((await watcher.tick()).sent).toBe(1);
    const sent: number[] = [];
    for (let round = 0; round < MAX_REVERTS_PER_JOB; round++) {
      // Its role revoked just before its settlement and granted back just after, in one block:
      // the settlement reverts, and afterwards the same call succeeds again.
      await callRaw(f, admin, "revokeRole", [gdsRole, gds], { priorityFee: HIGH_TIP });
      const { baseFeePerGas } = await f.ctx.publicClient.getBlock();
      await callRaw(f, otherAdmin, "grantRole", [gdsRole, gds], { priorityFee: 0n, maxFee: baseFeePerGas! });
      await f.rpc("evm_mine");
      sent.push((await watcher.tick()).sent);
    }
    expect(sent).toEqual([1, 1, 0]);
    expect(lines.filter((l) => l.includes("GDS_ROLE"))).toHaveLength(1); // said again only if it changes
    const reverts = lines.filter((l) => l.includes(" reverted in block "));
    expect(reverts).toHaveLength(MAX_REVERTS_PER_JOB);
    expect(reverts[0]).toMatch(
      /\(it would succeed now; it used \d+ of its \d+ gas; job is now Aborting\): the next scan decides again \(revert 1 of at most 3 for this job\)$/,
    );
    expect(reverts[2]).toMatch(
      /: gave up on this job after 3 reverted transactions: a person should look \(restarting the watcher tries again\)$/,
    );

    await f.rpc("evm_setAutomine", [true]);
    for (let i = 0; i < ORDER_EXPIRY_BLOCKS; i++) {
      await f.mine(1);
      await watcher.tick();
    }
    await watcher.tick();
    expect(await stateOf(f, aborting)).toBe(JobState.Aborting);
    expect(await settledBy(f, expiring)).toBe(gds);
    expect(lines.at(-1)).toMatch(/1 job given up on after repeated reverts/);
    expect(await nonceOf(f, gds)).toBe(nonce + MAX_REVERTS_PER_JOB + 1);
    // A restarted watcher tries again.
    const restarted = makeWatcher(f.anvil.rpcUrl, f);
    expect((await restarted.watcher.tick()).sent).toBe(1);
    await restarted.watcher.tick();
    expect(await settledBy(f, aborting)).toBe(gds);
  });
});
