import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Role } from "../../protocol/enums.ts";
import { devAccountsWithRole } from "../../protocol/devAccounts.ts";
import { readConfigFile, readSettings, resolveAccount, scaleAmount } from "./config.ts";

const token = { FEDPAY_AGENT_TOKEN: "a-long-token" };
const key = `0x${"11".repeat(32)}`;

describe("the agent's settings (docs/rules.md §13)", () => {
  it("needs a token and a key, and takes a demo account only on the local chain", () => {
    expect(() => readSettings({})).toThrow(/FEDPAY_AGENT_TOKEN is required/);
    expect(() => readSettings(token)).toThrow(/No node key/);
    const demo = readSettings(token, "MPC 2");
    expect(demo.role).toBe(Role.MPC);
    expect(resolveAccount(demo, 31337).address).toBe(devAccountsWithRole("mpc")[1]!.address);
    expect(() => resolveAccount(demo, 1)).toThrow(/only on the local chain/);
  });

  it("reads the key from a file and the defaults of §13", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agent-config-"));
    const file = path.join(dir, "node.key");
    fs.writeFileSync(file, `${key}\n`);
    const s = readSettings({ ...token, FEDPAY_NODE_KEY_FILE: file, FEDPAY_ROLE: "do" });
    expect(s).toMatchObject({
      key: { privateKey: key },
      role: Role.DO,
      port: 8547,
      autoChallenge: true,
      progressIntervalMs: 60_000,
      rpcUrl: "http://127.0.0.1:8545",
      terms: { accepting: true },
    });
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses what it cannot use, naming the variable", () => {
    const base = { ...token, FEDPAY_NODE_KEY: key };
    expect(() => readSettings({ ...base, FEDPAY_ROLE: "gds" })).toThrow(/FEDPAY_ROLE must be do or mpc/);
    expect(() => readSettings({ ...base, FEDPAY_STAKE: "1e18" })).toThrow(/FEDPAY_STAKE must be a decimal/);
    expect(() => readSettings({ ...base, FEDPAY_TERMS_GDS: "0x12" })).toThrow(
      /FEDPAY_TERMS_GDS is not an address/,
    );
    expect(() => readSettings({ ...base, FEDPAY_AUTO_CHALLENGE: "maybe" })).toThrow(/true or false/);
    expect(() => readSettings({ ...base, FEDPAY_NODE_KEY: "0x12" })).toThrow(/32-byte hex/);
  });

  it("scales decimal amounts by the asset's decimals", () => {
    expect(scaleAmount("2.5", 6, "X")).toBe(2_500_000n);
    expect(scaleAmount("10", 18, "X")).toBe(10n * 10n ** 18n);
    expect(() => scaleAmount("0.0000001", 6, "FEDPAY_STAKE")).toThrow(/more than the asset's 6 decimals/);
  });

  it("reads a JSON config file of the same names", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agent-config-"));
    const file = path.join(dir, "agent.json");
    fs.writeFileSync(file, JSON.stringify({ FEDPAY_ROLE: "mpc", FEDPAY_AGENT_PORT: 9000 }));
    expect(readConfigFile(file)).toEqual({ FEDPAY_ROLE: "mpc", FEDPAY_AGENT_PORT: "9000" });
    fs.writeFileSync(file, JSON.stringify({ role: "mpc" }));
    expect(() => readConfigFile(file)).toThrow(/unknown key "role"/);
    fs.rmSync(dir, { recursive: true });
  });
});
