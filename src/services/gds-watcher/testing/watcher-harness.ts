// Builds a watcher against a test chain and keeps what it prints, so tests can read its lines.
import type { Address, LocalAccount, PublicClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { DEV_MNEMONIC, LOCAL_CHAIN_ID } from "../../../protocol/devAccounts.ts";
import { serviceClients } from "../../shared/clients.ts";
import { createRpcCounter, type RpcCounter } from "../../shared/rpc-counter.ts";
import { resolveSigner } from "../config.ts";
import { GdsWatcher, type WatcherOptions } from "../watcher.ts";
import { eventually } from "../../shared/testing/eventually.ts";

export { eventually };

export interface TestWatcher {
  watcher: GdsWatcher;
  lines: string[];
  counter: RpcCounter;
  /** The watcher's own client (same transport and counter). */
  client: PublicClient;
}

export function makeWatcher(
  rpcUrl: string,
  market: { market: Address; lens: Address },
  overrides: Partial<
    Pick<WatcherOptions, "settleDelayBlocks" | "statusEveryBlocks" | "pollMs" | "backoff" | "readMode">
  > & {
    /** Signs as this account instead of the demo GDS (a second GDS instance). */
    account?: LocalAccount;
  } = {},
): TestWatcher {
  const counter = createRpcCounter();
  const { account = resolveSigner({}, LOCAL_CHAIN_ID), ...options } = overrides;
  const { chain, client, wallet } = serviceClients(rpcUrl, LOCAL_CHAIN_ID, account, counter);
  const lines: string[] = [];
  const watcher = new GdsWatcher({
    client,
    wallet,
    chain,
    market: market.market,
    lens: market.lens,
    settleDelayBlocks: 0n,
    statusEveryBlocks: 0n,
    pollMs: 20,
    backoff: { baseMs: 100, maxMs: 400 },
    counter,
    log: (line) => lines.push(line),
    ...options,
  });
  return { watcher, lines, counter, client };
}

/** Dev account `index` as a local signing account (anvil's dev accounts are also unlocked). */
export function devAccount(index: number): LocalAccount {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
}
