// The watcher's settings, from environment variables (all optional on the local chain).
//   GDS_WATCHER_RPC_URL (or RPC_URL)   default http://127.0.0.1:8545
//   GDS_PRIVATE_KEY                    the GDS's key; on the local chain (31337) default: the demo GDS dev account
//   JOB_MARKET_ADDRESS                 default: the deployment record (DEPLOYMENT_FILE or .data/deployments/<chainId>.json)
//   GDS_WATCHER_SETTLE_DELAY_BLOCKS    blocks to wait before settling a self-reported failure (default 0)
//   GDS_WATCHER_STATUS_EVERY           a status line every N blocks (default 20; 0 turns it off)
//   GDS_WATCHER_POLL_MS                how often to ask for a new block (default 250 local, 2000 elsewhere)
//   JOB_MARKET_LENS_ADDRESS            default: the deployment record's lens (if any)
//   GDS_WATCHER_READ_MODE              lens (default when a lens is known) or rpc-batch
import { type Hex, isHex } from "viem";
import { type LocalAccount, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import {
  DEV_MNEMONIC,
  devAccountsWithRole,
  LOCAL_CHAIN_ID,
  LOCAL_RPC_URL,
} from "../../protocol/devAccounts.ts";
import type { BackoffOptions } from "../shared/backoff.ts";
import type { ReadMode } from "./scan.ts";

type Env = Record<string, string | undefined>;

export interface WatcherSettings {
  rpcUrl: string;
  settleDelayBlocks: bigint;
  statusEveryBlocks: bigint;
  pollMs: number | undefined;
  readMode: ReadMode | undefined;
  backoff: BackoffOptions;
}

function nonNegativeInteger(env: Env, name: string, fallback: bigint): bigint {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number of blocks or ms, got "${raw}"`);
  return BigInt(raw);
}

/** Settings that need no chain. */
export function readSettings(env: Env): WatcherSettings {
  const readMode = env.GDS_WATCHER_READ_MODE || undefined;
  if (readMode !== undefined && readMode !== "lens" && readMode !== "rpc-batch") {
    throw new Error(`GDS_WATCHER_READ_MODE must be lens or rpc-batch, got "${readMode}"`);
  }
  return {
    rpcUrl: env.GDS_WATCHER_RPC_URL ?? env.RPC_URL ?? LOCAL_RPC_URL,
    settleDelayBlocks: nonNegativeInteger(env, "GDS_WATCHER_SETTLE_DELAY_BLOCKS", 0n),
    statusEveryBlocks: nonNegativeInteger(env, "GDS_WATCHER_STATUS_EVERY", 20n),
    pollMs: env.GDS_WATCHER_POLL_MS ? Number(nonNegativeInteger(env, "GDS_WATCHER_POLL_MS", 0n)) : undefined,
    readMode,
    backoff: { baseMs: 500, maxMs: 15_000 },
  };
}

export function defaultPollMs(chainId: number): number {
  return chainId === LOCAL_CHAIN_ID ? 250 : 2_000;
}

/** The GDS's signing account: GDS_PRIVATE_KEY, or on the local chain the demo GDS dev account. */
export function resolveSigner(env: Env, chainId: number): LocalAccount {
  const key = env.GDS_PRIVATE_KEY;
  if (key) {
    if (!isHex(key) || key.length !== 66)
      throw new Error("GDS_PRIVATE_KEY must be a 32-byte hex key (0x + 64 hex)");
    return privateKeyToAccount(key as Hex);
  }
  if (chainId !== LOCAL_CHAIN_ID) {
    throw new Error(
      `GDS_PRIVATE_KEY is required on chain ${chainId} (only the local chain has a default GDS)`,
    );
  }
  const gds = devAccountsWithRole("gds")[0]!;
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: gds.index });
  if (account.address !== gds.address) {
    throw new Error(
      `Dev account ${gds.index} derives to ${account.address}, not the demo GDS ${gds.address}`,
    );
  }
  return account;
}
