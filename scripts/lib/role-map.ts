// The demo's role map, printed by start and seed and documented in the README.
import { devAccounts } from "../../src/protocol/devAccounts.ts";

export function roleMapLines(): string[] {
  return devAccounts
    .filter((a) => a.role !== "spare")
    .map((a) => `  #${String(a.index).padEnd(2)} ${a.label.padEnd(6)} ${a.address}`)
    .concat(["  #12–19 spare accounts (unregistered, 10,000 ETH each)"]);
}
