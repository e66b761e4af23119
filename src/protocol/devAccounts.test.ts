import { mnemonicToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { DEV_MNEMONIC, devAccounts, devAccountsWithRole, findDevAccount } from "./devAccounts.ts";

describe("dev accounts", () => {
  it("are anvil's accounts, derived from its mnemonic in index order", () => {
    for (const account of devAccounts) {
      expect(account.address).toBe(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: account.index }).address);
    }
  });

  it("cast the demo: one admin, one GDS, two QCs, five DOs, three MPCs", () => {
    expect(devAccountsWithRole("admin")).toHaveLength(1);
    expect(devAccountsWithRole("gds")).toHaveLength(1);
    expect(devAccountsWithRole("qc")).toHaveLength(2);
    expect(devAccountsWithRole("do").map((a) => a.label)).toEqual(["DO 1", "DO 2", "DO 3", "DO 4", "DO 5"]);
    expect(devAccountsWithRole("mpc")).toHaveLength(3);
  });

  it("are found by address in any letter case", () => {
    expect(findDevAccount(devAccounts[4]!.address.toLowerCase())?.label).toBe("DO 1");
    expect(findDevAccount("0x0000000000000000000000000000000000000001")).toBeUndefined();
  });
});
