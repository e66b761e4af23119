// Resolves the chain and contract the app is built for, from VITE_* variables and the deployment
// record. vite.config.ts injects the result as the compile-time constant __FEDPAY_CONFIG__.
import path from "node:path";
import { isNativeAsset, nativeAsset, type PaymentAsset } from "../../src/protocol/asset.ts";
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
  const nativeSymbol = env.VITE_NATIVE_SYMBOL ?? "ETH";
  // The record's asset belongs to the record's market: a market named by VITE_JOB_MARKET_ADDRESS is read
  // from the chain, unless VITE_ASSET_ADDRESS says it is on the native coin (the zero address).
  let asset: PaymentAsset | null = null;
  if (env.VITE_ASSET_ADDRESS !== undefined) {
    if (BigInt(env.VITE_ASSET_ADDRESS) !== 0n)
      throw new Error(
        "VITE_ASSET_ADDRESS can only be the zero address (native coin); a token is read from the chain",
      );
    asset = nativeAsset(nativeSymbol);
  } else if (record && !env.VITE_JOB_MARKET_ADDRESS) {
    asset = isNativeAsset(record.asset) ? nativeAsset(nativeSymbol) : record.asset;
  }
  return {
    chainId,
    chainName: env.VITE_CHAIN_NAME ?? (isLocal ? "Local chain (anvil)" : `Chain ${chainId}`),
    rpcUrl: env.VITE_RPC_URL ?? LOCAL_RPC_URL,
    nativeSymbol,
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
    asset,
  };
}
