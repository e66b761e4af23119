// The viem clients every service (and its tests and benchmark) uses: one batching HTTP transport (so
// a round's reads travel together), no transport-level retries (a service's loop retries with backoff
// and says so), low polling on a local chain (viem's default 4 s makes every wait linger).
import {
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type LocalAccount,
  type PublicClient,
  type WalletClient,
} from "viem";
import { LOCAL_CHAIN_ID } from "../../protocol/devAccounts.ts";
import type { RpcCounter } from "./rpc-counter.ts";

/** How often a service's clients poll; a local chain mines a block per transaction. */
export const SERVICE_POLLING_MS = 200;

/** The chain behind an RPC URL, by its id: the local anvil or any other. */
export function rpcChain(chainId: number, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name: chainId === LOCAL_CHAIN_ID ? "Local anvil" : `Chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

export interface ServiceClients {
  chain: Chain;
  client: PublicClient;
  wallet: WalletClient;
}

export function serviceClients(
  rpcUrl: string,
  chainId: number,
  account: LocalAccount,
  counter?: RpcCounter,
): ServiceClients {
  const chain = rpcChain(chainId, rpcUrl);
  const transport = http(rpcUrl, {
    batch: { batchSize: 1_000, wait: 0 },
    retryCount: 0,
    timeout: 10_000,
    fetchFn: counter?.fetchFn,
  });
  const client = createPublicClient({
    chain,
    transport,
    pollingInterval: SERVICE_POLLING_MS,
  }) as PublicClient;
  const wallet = createWalletClient({ chain, transport, account, pollingInterval: SERVICE_POLLING_MS });
  return { chain, client, wallet };
}
