// The viem clients the watcher, its tests and its benchmark use: one batching HTTP transport (so a
// scan's reads travel together), no transport-level retries (the watch loop retries with backoff and
// says so), low polling on the local chain.
import {
  type Chain,
  createPublicClient,
  createWalletClient,
  http,
  type LocalAccount,
  type PublicClient,
  type WalletClient,
} from "viem";
import { scriptChain } from "../../../scripts/lib/chain.ts";
import type { RpcCounter } from "./rpc-counter.ts";

export interface WatcherClients {
  chain: Chain;
  client: PublicClient;
  wallet: WalletClient;
}

export function watcherClients(
  rpcUrl: string,
  chainId: number,
  account: LocalAccount,
  counter?: RpcCounter,
): WatcherClients {
  const chain = scriptChain(chainId, rpcUrl);
  const transport = http(rpcUrl, {
    batch: { batchSize: 1_000, wait: 0 },
    retryCount: 0,
    timeout: 10_000,
    fetchFn: counter?.fetchFn,
  });
  const client = createPublicClient({ chain, transport, pollingInterval: 200 }) as PublicClient;
  const wallet = createWalletClient({ chain, transport, account, pollingInterval: 200 });
  return { chain, client, wallet };
}
