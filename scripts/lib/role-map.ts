// The demo's role map, printed by start and seed and documented in the README.
import { devAccounts } from "../../src/protocol/devAccounts.ts";

/** `holding` says what each spare account holds, e.g. "10,000 ETH" or "10,000 ETH and 10,000 fdUSD". */
export function roleMapLines(holding = "10,000 ETH"): string[] {
  return devAccounts
    .filter((a) => a.role !== "spare")
    .map((a) => `  #${String(a.index).padEnd(2)} ${a.label.padEnd(6)} ${a.address}`)
    .concat([`  #12–19 spare accounts (unregistered, ${holding} each)`]);
}
