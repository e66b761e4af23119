import { describe, expect, it } from "vitest";
import { parseDeploymentRecord } from "./deploymentRecord.ts";

const record = {
  chainId: 31337,
  jobMarket: "0x5fc8d32690cc91d4c39d9d3abcbd16989f875707",
  implementation: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  jobMarketLens: null,
  libraries: { "contracts/src/libraries/FeeMath.sol:FeeMath": "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
  deployBlock: "6",
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  admin: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  version: "1.0.0",
  deployedAt: "2026-12-01T00:00:00.000Z",
  storageLayout: { storage: [] },
  upgrades: [],
};

describe("parseDeploymentRecord", () => {
  it("takes a record the deploy script wrote, with its addresses checksummed", () => {
    const parsed = parseDeploymentRecord(record, "31337.json");
    expect(parsed.jobMarket).toBe("0x5FC8d32690cc91D4c39d9d3abcBD16989F875707");
    expect(parsed).toMatchObject({ chainId: 31337, jobMarketLens: null, deployBlock: "6", upgrades: [] });
  });

  it("keeps the payment asset, and reads a record from before it as the native coin", () => {
    const token = {
      address: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
      decimals: 6,
      symbol: "fdUSD",
      permit: true,
    };
    expect(parseDeploymentRecord({ ...record, asset: token }, "a.json").asset).toEqual({
      ...token,
      address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    });
    expect(parseDeploymentRecord(record, "a.json").asset).toEqual({
      address: "0x0000000000000000000000000000000000000000",
      decimals: 18,
      symbol: "ETH",
      permit: false,
    });
    expect(() => parseDeploymentRecord({ ...record, asset: { ...token, decimals: "6" } }, "a.json")).toThrow(
      "asset.decimals is not a number of decimals",
    );
    expect(() => parseDeploymentRecord({ ...record, asset: { ...token, permit: 1 } }, "a.json")).toThrow(
      "asset.permit",
    );
  });

  it("names the file and the field that is wrong", () => {
    expect(() => parseDeploymentRecord({ ...record, jobMarket: "0x12" }, "a.json")).toThrow(
      "a.json is not a deployment record: jobMarket is not an address",
    );
    expect(() => parseDeploymentRecord({ ...record, deployBlock: 6 }, "a.json")).toThrow(
      "deployBlock is not a block number",
    );
    expect(() => parseDeploymentRecord({ ...record, chainId: "1" }, "a.json")).toThrow("chainId");
    expect(() =>
      parseDeploymentRecord({ ...record, upgrades: [{ implementation: record.implementation }] }, "a.json"),
    ).toThrow("upgrades[0].block is not a block number");
    expect(() => parseDeploymentRecord([], "a.json")).toThrow("not a JSON object");
  });
});
