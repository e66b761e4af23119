// @vitest-environment node
// `npm run deploy -- --asset 0xTOKEN`: the market takes an existing token and the record says which, with
// its decimals, symbol and permit support; an address that is no token is refused before anything is deployed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devAccounts } from "../src/protocol/devAccounts.ts";
import { jobMarketAbi } from "../src/protocol/generated/abis.ts";
import { deployDemoToken, deployMarket } from "./deploy.ts";
import { type AnvilHandle, freePort, startAnvil } from "./lib/anvil.ts";
import { connect } from "./lib/chain.ts";
import { readDeploymentRecord } from "./lib/deployment-record.ts";

let anvil: AnvilHandle;
let dir: string;

beforeAll(async () => {
  anvil = await startAnvil({ port: await freePort() });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fedpay-deploy-asset-"));
}, 60_000);

afterAll(async () => {
  await anvil?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("deploying on a payment asset", () => {
  it("runs the market on an existing token and records it", async () => {
    const ctx = await connect(anvil.rpcUrl);
    const tether = await deployDemoToken(ctx, devAccounts[0]!.address, () => {}, "DemoTether");
    const recordFile = path.join(dir, "tether.json");
    const { record } = await deployMarket({ rpcUrl: anvil.rpcUrl, recordFile, asset: tether, log: () => {} });
    expect(record.asset).toEqual({ address: tether, decimals: 6, symbol: "fdUSDT", permit: false });
    expect(readDeploymentRecord(recordFile)?.asset).toEqual(record.asset);
    expect(
      await ctx.publicClient.readContract({
        address: record.jobMarket,
        abi: jobMarketAbi,
        functionName: "asset",
      }),
    ).toBe(tether);
  });

  it("refuses an address without a token's code, deploying nothing", async () => {
    const ctx = await connect(anvil.rpcUrl);
    const before = await ctx.publicClient.getTransactionCount({ address: devAccounts[0]!.address });
    await expect(
      deployMarket({
        rpcUrl: anvil.rpcUrl,
        recordFile: path.join(dir, "none.json"),
        asset: devAccounts[5]!.address,
        log: () => {},
      }),
    ).rejects.toThrow(/has no contract code/);
    expect(await ctx.publicClient.getTransactionCount({ address: devAccounts[0]!.address })).toBe(before);
  });
});
