// @vitest-environment node
// `npm start`'s chain half: deploys and seeds a fresh chain once, keeps everything across a
// restart, starts from genesis on reset, and refuses a port that already has a chain.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPublicClient, http } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { jobMarketAbi } from "../../src/protocol/generated/abis.ts";
import { type AnvilHandle, freePort, startAnvil } from "./anvil.ts";
import { bringUpLocalChain, type LocalChain, PortTakenError } from "./local-chain.ts";

describe("the local chain of npm start", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fedpay-start-"));
  const stateFile = path.join(dir, "anvil", "state.json");
  const recordFile = path.join(dir, "deployment.json");
  let running: LocalChain | AnvilHandle | undefined;

  afterEach(async () => {
    if (running) await ("anvil" in running ? running.anvil : running).stop();
    running = undefined;
  });

  const jobCount = async (chain: LocalChain) =>
    createPublicClient({ transport: http(chain.rpcUrl) }).readContract({
      address: chain.record.jobMarket,
      abi: jobMarketAbi,
      functionName: "jobCount",
    });

  it("deploys and seeds a fresh chain, then keeps accounts, jobs and balances across a restart", async () => {
    const port = await freePort();
    const first = await bringUpLocalChain({ port, stateFile, recordFile });
    running = first;
    expect(first).toMatchObject({ resumed: false, deployedNow: true });
    // By default the market runs on the demo stablecoin (docs/rules.md §12).
    expect(first.record.asset).toMatchObject({ symbol: "fdUSD", decimals: 6, permit: true });
    expect(first.seeded?.length).toBeGreaterThanOrEqual(4);
    const jobs = await jobCount(first);
    const blockBefore = await createPublicClient({ transport: http(first.rpcUrl) }).getBlockNumber();
    await first.anvil.stop();
    running = undefined;

    const second = await bringUpLocalChain({ port, stateFile, recordFile });
    running = second;
    expect(second).toMatchObject({ resumed: true, deployedNow: false, seeded: undefined });
    expect(second.record.jobMarket).toBe(first.record.jobMarket);
    expect(await jobCount(second)).toBe(jobs);
    expect(await createPublicClient({ transport: http(second.rpcUrl) }).getBlockNumber()).toBe(blockBefore);
  });

  it("starts from genesis on reset, and deploys and seeds again (here on the native coin)", async () => {
    const chain = await bringUpLocalChain({
      port: await freePort(),
      stateFile,
      recordFile,
      reset: true,
      native: true,
    });
    running = chain;
    expect(chain).toMatchObject({ resumed: false, deployedNow: true });
    expect(chain.record.asset).toEqual({
      address: "0x0000000000000000000000000000000000000000",
      decimals: 18,
      symbol: "ETH",
      permit: false,
    });
    expect(chain.seeded).toBeDefined();
  });

  it("says so, and starts nothing, when the port already serves a chain", async () => {
    const other = await startAnvil({ port: await freePort() });
    running = other;
    await expect(bringUpLocalChain({ port: other.port, stateFile, recordFile })).rejects.toThrow(
      PortTakenError,
    );
    await expect(bringUpLocalChain({ port: other.port, stateFile, recordFile })).rejects.toThrow(
      /already serves a chain \(chain id 31337\)/,
    );
  });
});
