// @vitest-environment node
// The watcher sends through the shared sender, so a report that stays unmined because others pay
// more gets its fees bumped (same nonce) until it is mined, once (src/services/shared/sender.ts).
import { type Hex, numberToHex, parseGwei } from "viem";
import { expect, it } from "vitest";
import { JobState } from "../../protocol/enums.ts";
import { dispatchJob, gds, type MarketFixture, mpcs } from "../shared/testing/market-fixture.ts";
import { settledBy, stateOf } from "../shared/testing/job-events.ts";
import { sendRaw } from "../shared/testing/raw-send.ts";
import { nonceOf } from "../shared/testing/scenarios.ts";
import { makeWatcher } from "./testing/watcher-harness.ts";
import { spec, TIMEOUT_BLOCKS, useMarket } from "./testing/suite.ts";

let f: MarketFixture;
useMarket((fixture) => {
  f = fixture;
});

/** A competitor filling the (shrunken) block: 8 kB of calldata burn 149k gas, at a 3 gwei tip. */
function competitor(): Promise<Hex> {
  return sendRaw(
    f,
    mpcs[2]!,
    { to: mpcs[2]!, data: `0x${"ff".repeat(8_000)}` },
    { gas: 180_000n, priorityFee: parseGwei("3"), maxFee: parseGwei("4") },
  );
}

it("a report outbid block after block is bumped until it is mined, acting once", async () => {
  const id = await dispatchJob(f, spec);
  await f.mine(TIMEOUT_BLOCKS + 1);
  const nonce = await nonceOf(f, gds);
  await f.rpc("evm_setAutomine", [false]);
  // Room for one transaction a block: the watcher's report (~200k) or the competitor's.
  await f.rpc("evm_setBlockGasLimit", [numberToHex(300_000n)]);
  try {
    const { watcher, lines } = makeWatcher(f.anvil.rpcUrl, f);
    expect((await watcher.tick()).sent).toBe(1);
    for (let i = 0; i < 15 && (await stateOf(f, id)) !== JobState.Failed; i++) {
      await competitor();
      await f.rpc("evm_mine");
      await watcher.tick();
    }
    expect(await stateOf(f, id)).toBe(JobState.Failed);
    expect(lines.join("\n")).toMatch(/reportFailure job .* not mined after 3 blocks: fee bump 1 \(max fee/);
    expect(await settledBy(f, id)).toBe(gds);
    expect(await nonceOf(f, gds)).toBe(nonce + 1);
  } finally {
    await f.rpc("evm_setBlockGasLimit", [numberToHex(30_000_000n)]);
  }
});
