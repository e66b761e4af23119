// @vitest-environment node
// The deploy and upgrade scripts against a real anvil: a compatible next version goes through
// upgradeToAndCall and keeps the state; one with a reordered layout is refused before any transaction.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseAbi, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilHandle, freePort, startAnvil } from "./lib/anvil.ts";
import { connect, write } from "./lib/chain.ts";
import { readDeploymentRecord } from "./lib/deployment-record.ts";
import { deployMarket } from "./deploy.ts";
import { upgradeMarket } from "./upgrade.ts";

const v2Abi = parseAbi([
  "function isNext() view returns (bool)",
  "function upgradedAtBlock() view returns (uint256)",
  "function registerNode(uint8 role, uint256 amount) payable",
  "function balanceOf(address) view returns (uint256)",
]);
const node = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as const; // anvil account 4

describe("deploy and upgrade scripts", () => {
  let anvil: AnvilHandle;
  let recordFile: string;
  const quiet = () => undefined;

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    recordFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fedpay-upgrade-")), "deployment.json");
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it("deploys once, then recognises its own deployment", async () => {
    const first = await deployMarket({ rpcUrl: anvil.rpcUrl, recordFile, log: quiet });
    expect(first.deployedNow).toBe(true);
    expect(Object.keys(first.record.libraries).length).toBeGreaterThan(0);
    const second = await deployMarket({ rpcUrl: anvil.rpcUrl, recordFile, log: quiet });
    expect(second.deployedNow).toBe(false);
    expect(second.record.jobMarket).toBe(first.record.jobMarket);
  });

  it("refuses an implementation whose storage layout moves existing fields", async () => {
    const before = readDeploymentRecord(recordFile)!;
    await expect(
      upgradeMarket({ rpcUrl: anvil.rpcUrl, recordFile, contract: "BrokenJobMarketNext", log: quiet }),
    ).rejects.toThrow(/not upgrade-safe/);
    expect(readDeploymentRecord(recordFile)!.implementation).toBe(before.implementation);
  });

  it("upgrades to a compatible next version behind the same proxy and keeps the state", async () => {
    const ctx = await connect(anvil.rpcUrl);
    const { jobMarket } = readDeploymentRecord(recordFile)!;
    const market = { address: jobMarket, abi: v2Abi } as const;
    await write(ctx, ctx.wallet(node), {
      ...market,
      functionName: "registerNode",
      args: [1, parseEther("2")],
      value: parseEther("2"),
    });

    const result = await upgradeMarket({
      rpcUrl: anvil.rpcUrl,
      recordFile,
      contract: "JobMarketNext",
      call: "initializeNext",
      log: quiet,
    });

    const record = readDeploymentRecord(recordFile)!;
    expect(record.implementation).toBe(result.implementation);
    expect(record.upgrades).toHaveLength(1);
    expect(await ctx.publicClient.readContract({ ...market, functionName: "isNext" })).toBe(true);
    expect(await ctx.publicClient.readContract({ ...market, functionName: "upgradedAtBlock" })).toBe(
      BigInt(record.upgrades[0]!.block),
    );
    expect(await ctx.publicClient.readContract({ ...market, functionName: "balanceOf", args: [node] })).toBe(
      parseEther("2"),
    );
  });
});
