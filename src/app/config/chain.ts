import { defineChain } from "viem";
import { appConfig } from "./appConfig.ts";

/** The one chain the app works on: the local anvil by default, or the one VITE_* variables describe. */
export const appChain = defineChain({
  id: appConfig.chainId,
  name: appConfig.chainName,
  nativeCurrency: { name: appConfig.nativeSymbol, symbol: appConfig.nativeSymbol, decimals: 18 },
  rpcUrls: { default: { http: [appConfig.rpcUrl] } },
  blockExplorers: appConfig.explorerUrl
    ? { default: { name: "Explorer", url: appConfig.explorerUrl } }
    : undefined,
  testnet: appConfig.isLocal || undefined,
});

/** Block polling: a local chain mines on demand, so the app looks often; a public chain less so. */
export const pollingInterval = appConfig.isLocal ? 250 : 4_000;
