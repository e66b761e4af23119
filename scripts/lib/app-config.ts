// Resolves the chain and contract the app is built for, from VITE_* variables and the deployment
// record. vite.config.ts injects the result as the compile-time constant __FEDPAY_CONFIG__.
import path from "node:path";
import { LOCAL_CHAIN_ID, LOCAL_RPC_URL } from "../../src/protocol/devAccounts.ts";
import type { FedPayAppConfig } from "../../src/app/config/buildConfig.ts";
import { readDeploymentRecord } from "./deployment-record.ts";
import { deploymentFileOf, repoRoot } from "./paths.ts";

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

export function resolveAppConfig(env: Record<string, string | undefined>): FedPayAppConfig {
  const chainId = Number(env.VITE_CHAIN_ID ?? LOCAL_CHAIN_ID);
  if (!Number.isSafeInteger(chainId) || chainId <= 0)
    throw new Error(`VITE_CHAIN_ID is not a chain id: ${env.VITE_CHAIN_ID}`);
  const isLocal = chainId === LOCAL_CHAIN_ID;
  const recordFile = deploymentFileOf(chainId, env.VITE_DEPLOYMENT);
  const record = readDeploymentRecord(recordFile);
  if (record && record.chainId !== chainId) {
    throw new Error(`${recordFile} is for chain ${record.chainId}, but VITE_CHAIN_ID is ${chainId}`);
  }
  const jobMarketAddress = env.VITE_JOB_MARKET_ADDRESS ?? record?.jobMarket ?? ZERO_ADDRESS;
  return {
    chainId,
    chainName: env.VITE_CHAIN_NAME ?? (isLocal ? "Local chain (anvil)" : `Chain ${chainId}`),
    rpcUrl: env.VITE_RPC_URL ?? LOCAL_RPC_URL,
    nativeSymbol: env.VITE_NATIVE_SYMBOL ?? "ETH",
    explorerUrl: env.VITE_EXPLORER_URL ?? null,
    isLocal,
    devWallet: isLocal && env.VITE_DEV_WALLET !== "false",
    jobMarketAddress,
    jobMarketLensAddress: env.VITE_JOB_MARKET_LENS_ADDRESS ?? record?.jobMarketLens ?? ZERO_ADDRESS,
    deployBlock: env.VITE_DEPLOY_BLOCK ?? record?.deployBlock ?? "0",
    deployed: jobMarketAddress !== ZERO_ADDRESS,
    deploymentSource: env.VITE_JOB_MARKET_ADDRESS
      ? "VITE_JOB_MARKET_ADDRESS"
      : record
        ? path.relative(repoRoot, recordFile)
        : `none (no ${path.relative(repoRoot, recordFile)})`,
    indexerUrl: env.VITE_INDEXER_URL ? env.VITE_INDEXER_URL.replace(/\/$/, "") : null,
  };
}
