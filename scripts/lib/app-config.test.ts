// @vitest-environment node
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAppConfig } from "./app-config.ts";

const ADMIN = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

/** A deployment record as the deploy script writes it, in a file of its own. */
function recordFile(fields: {
  chainId: number;
  jobMarket: string;
  jobMarketLens?: null;
  deployBlock?: string;
  asset?: { address: string; decimals: number; symbol: string; permit: boolean };
}) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fedpay-config-")), "record.json");
  const record = {
    implementation: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    jobMarketLens: null,
    libraries: {},
    deployBlock: "1",
    deployer: ADMIN,
    admin: ADMIN,
    version: "1.0.0",
    deployedAt: "2026-12-01T00:00:00.000Z",
    storageLayout: null,
    upgrades: [],
    ...fields,
  };
  fs.writeFileSync(file, JSON.stringify(record));
  return file;
}

describe("app configuration", () => {
  it("reads the chain's deployment record", () => {
    const file = recordFile({
      chainId: 31337,
      jobMarket: "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707",
      deployBlock: "6",
    });
    const config = resolveAppConfig({ VITE_DEPLOYMENT: file });
    expect(config).toMatchObject({
      chainId: 31337,
      isLocal: true,
      devWallet: true,
      rpcUrl: "http://127.0.0.1:8545",
      jobMarketAddress: "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707",
      deployBlock: "6",
      deployed: true,
    });
  });

  it("takes another chain entirely from the environment, without the dev wallet", () => {
    const config = resolveAppConfig({
      VITE_CHAIN_ID: "11155111",
      VITE_RPC_URL: "https://rpc.example.org",
      VITE_JOB_MARKET_ADDRESS: "0x1111111111111111111111111111111111111111",
      VITE_DEPLOY_BLOCK: "123",
      VITE_DEPLOYMENT: "no-such-file.json",
    });
    expect(config).toMatchObject({ chainId: 11155111, isLocal: false, devWallet: false, deployBlock: "123" });
    expect(config.rpcUrl).toBe("https://rpc.example.org");
  });

  it("takes the payment asset from the record, and leaves a market named by address to the chain", () => {
    const token = {
      address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      decimals: 6,
      symbol: "fdUSD",
      permit: true,
    };
    const file = recordFile({
      chainId: 31337,
      jobMarket: "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707",
      asset: token,
    });
    expect(resolveAppConfig({ VITE_DEPLOYMENT: file }).asset).toEqual(token);
    expect(
      resolveAppConfig({
        VITE_DEPLOYMENT: file,
        VITE_JOB_MARKET_ADDRESS: "0x1111111111111111111111111111111111111111",
      }).asset,
    ).toBeNull();
    // A native market takes the chain's coin symbol.
    const native = recordFile({ chainId: 31337, jobMarket: "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707" });
    expect(resolveAppConfig({ VITE_DEPLOYMENT: native, VITE_NATIVE_SYMBOL: "POL" }).asset).toMatchObject({
      symbol: "POL",
      decimals: 18,
    });
  });

  it("refuses a deployment record of another chain", () => {
    const file = recordFile({ chainId: 1, jobMarket: "0x1111111111111111111111111111111111111111" });
    expect(() => resolveAppConfig({ VITE_DEPLOYMENT: file })).toThrow(/chain 1/);
  });

  it("refuses a deployment record it cannot read, naming the field", () => {
    const file = recordFile({ chainId: 31337, jobMarket: "0x1234" });
    expect(() => resolveAppConfig({ VITE_DEPLOYMENT: file })).toThrow(/jobMarket is not an address/);
  });
});
