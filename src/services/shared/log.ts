// A service's readable lines: what each says about accounts and transactions, and where they go.
import type { Address, Hex } from "viem";
import { shortAddress } from "../../protocol/address.ts";
import { findDevAccount } from "../../protocol/devAccounts.ts";

export type LogLine = (line: string) => void;

/** Lines on stdout, each stamped with the time of day (UTC). */
export const consoleLog: LogLine = (line) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

/** 0x12345678… for ids and hashes. */
export function shortHex(value: Hex): string {
  return value.length > 12 ? `${value.slice(0, 10)}…` : value;
}

/** 0xab12…cd34, plus the demo label when it is a local dev account: "0x15d3…6A65 (DO 1)". */
export function accountLabel(account: Address): string {
  const dev = findDevAccount(account);
  return `${shortAddress(account)}${dev && dev.role !== "spare" ? ` (${dev.label})` : ""}`;
}
