// The agent's settings (docs/rules.md §13): environment variables, each also a key of the JSON file
// given with --config (the environment wins over the file). Amounts stay decimal strings here: they
// are scaled by the asset's decimals once the chain is known.
//   FEDPAY_RPC_URL               default http://127.0.0.1:8545 (the local chain)
//   FEDPAY_MARKET                the JobMarket proxy; default from the deployment record
//                                (FEDPAY_DEPLOYMENT, default .data/deployments/<chainId>.json)
//   FEDPAY_NODE_KEY              0x private key, or FEDPAY_NODE_KEY_FILE (a file holding it);
//                                on the local chain --dev-account "DO 1" (or an index) signs as a demo account
//   FEDPAY_ROLE                  do | mpc (default for a demo account: its demo role)
//   FEDPAY_STAKE                 decimal units of the asset, used only to register
//   FEDPAY_TERMS_MAX_COLLATERAL  decimal units (default: the registered stake)
//   FEDPAY_TERMS_MIN_FEE         decimal units (default 0)
//   FEDPAY_TERMS_GDS             the only GDS to accept orders from (default: any)
//   FEDPAY_TERMS_ACCEPTING       true | false (default true): false takes no new orders
//   FEDPAY_AUTO_CHALLENGE        true | false (default true)
//   FEDPAY_AGENT_PORT            default 8547, bound to 127.0.0.1 only
//   FEDPAY_AGENT_TOKEN           required: the bearer token of every request but /health
//   FEDPAY_PROGRESS_INTERVAL_S   display-only progress at most once per this many seconds per job (default 60)
//   FEDPAY_STATUS_EVERY          a status line every N blocks (default 20; 0: never)
//   FEDPAY_POLL_MS               how often to look for a new block (default 250 local, 2000 elsewhere)
//   FEDPAY_LOG_PAGE_BLOCKS       blocks per eth_getLogs page when finding the node's jobs (default 10000)
import fs from "node:fs";
import { type Address, getAddress, type Hex, isAddress, isHex, parseUnits } from "viem";
import { type LocalAccount, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { DEV_MNEMONIC, devAccounts, LOCAL_CHAIN_ID, LOCAL_RPC_URL } from "../../protocol/devAccounts.ts";
import { Role } from "../../protocol/enums.ts";

type Env = Record<string, string | undefined>;

export const DEFAULT_AGENT_PORT = 8547;

export interface AgentSettings {
  rpcUrl: string;
  market: Address | undefined;
  deploymentFile: string | undefined;
  /** A private key, or a demo account's index (local chain only). */
  key: { privateKey: Hex } | { devIndex: number };
  role: number | undefined;
  stake: string | undefined;
  terms: { maxCollateral?: string; minFee?: string; gds?: Address; accepting: boolean };
  autoChallenge: boolean;
  port: number;
  token: string;
  progressIntervalMs: number;
  statusEveryBlocks: bigint;
  pollMs: number | undefined;
  logPageBlocks: bigint;
}

const DECIMAL = /^\d+(\.\d+)?$/;

function flag(value: string | undefined, name: string, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function whole(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, got "${value}"`);
  return Number(value);
}

function decimal(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!DECIMAL.test(value.trim()))
    throw new Error(`${name} must be a decimal amount of the asset (e.g. 10 or 2.5), got "${value}"`);
  return value.trim();
}

/** A decimal amount in whole asset units, as the smallest unit (e.g. "2.5" with 6 decimals: 2500000). */
export function scaleAmount(value: string, decimals: number, name: string): bigint {
  const fraction = value.split(".")[1] ?? "";
  if (fraction.length > decimals)
    throw new Error(`${name} has more than the asset's ${decimals} decimals: "${value}"`);
  return parseUnits(value, decimals);
}

/** The JSON of --config FILE: an object of the same names as the environment. */
export function readConfigFile(file: string): Env {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`--config ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new Error(`--config ${file} is not a JSON object`);
  const env: Env = {};
  for (const [name, value] of Object.entries(json)) {
    if (!name.startsWith("FEDPAY_"))
      throw new Error(`--config ${file}: unknown key "${name}" (keys are the FEDPAY_* names)`);
    env[name] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return env;
}

/** A demo account by label ("DO 1", "MPC 2") or index (local chain only). */
export function devIndexOf(label: string): number {
  const byIndex = /^\d+$/.test(label) ? devAccounts[Number(label)] : undefined;
  const account = byIndex ?? devAccounts.find((a) => a.label.toLowerCase() === label.trim().toLowerCase());
  if (!account)
    throw new Error(
      `--dev-account "${label}" is neither a demo label (e.g. "DO 1", "MPC 2") nor an index 0–${devAccounts.length - 1}`,
    );
  return account.index;
}

function roleOf(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (/^do$/i.test(value)) return Role.DO;
  if (/^mpc$/i.test(value)) return Role.MPC;
  throw new Error(`FEDPAY_ROLE must be do or mpc, got "${value}"`);
}

/** Settings from the environment (over the config file's), and the demo account flag if given. */
export function readSettings(env: Env, devAccount?: string): AgentSettings {
  const token = env.FEDPAY_AGENT_TOKEN;
  if (!token)
    throw new Error(
      "FEDPAY_AGENT_TOKEN is required: every request but /health must carry it as a bearer token",
    );
  if (token.length < 8) throw new Error("FEDPAY_AGENT_TOKEN is too short: use at least 8 characters");

  let key: AgentSettings["key"];
  let demoRole: number | undefined;
  if (env.FEDPAY_NODE_KEY || env.FEDPAY_NODE_KEY_FILE) {
    if (env.FEDPAY_NODE_KEY && env.FEDPAY_NODE_KEY_FILE)
      throw new Error("Give FEDPAY_NODE_KEY or FEDPAY_NODE_KEY_FILE, not both");
    const raw = env.FEDPAY_NODE_KEY ?? readKeyFile(env.FEDPAY_NODE_KEY_FILE!);
    if (!isHex(raw) || raw.length !== 66)
      throw new Error("The node key must be a 32-byte hex private key (0x + 64 hex)");
    key = { privateKey: raw };
  } else if (devAccount !== undefined) {
    const index = devIndexOf(devAccount);
    key = { devIndex: index };
    const demo = devAccounts[index]!.role;
    demoRole = demo === "do" ? Role.DO : demo === "mpc" ? Role.MPC : undefined;
  } else {
    throw new Error(
      'No node key: set FEDPAY_NODE_KEY or FEDPAY_NODE_KEY_FILE (on the local chain, --dev-account "DO 1" signs as a demo account)',
    );
  }
  const role = roleOf(env.FEDPAY_ROLE) ?? demoRole;

  const market = env.FEDPAY_MARKET || undefined;
  if (market !== undefined && !isAddress(market))
    throw new Error(`FEDPAY_MARKET is not an address: "${market}"`);
  const gds = env.FEDPAY_TERMS_GDS || undefined;
  if (gds !== undefined && !isAddress(gds)) throw new Error(`FEDPAY_TERMS_GDS is not an address: "${gds}"`);
  const port = whole(env.FEDPAY_AGENT_PORT, "FEDPAY_AGENT_PORT", DEFAULT_AGENT_PORT);
  if (port > 65_535) throw new Error(`FEDPAY_AGENT_PORT must be a port number, got ${port}`);

  return {
    rpcUrl: env.FEDPAY_RPC_URL || LOCAL_RPC_URL,
    market: market ? getAddress(market) : undefined,
    deploymentFile: env.FEDPAY_DEPLOYMENT || undefined,
    key,
    role,
    stake: decimal(env.FEDPAY_STAKE, "FEDPAY_STAKE"),
    terms: {
      maxCollateral: decimal(env.FEDPAY_TERMS_MAX_COLLATERAL, "FEDPAY_TERMS_MAX_COLLATERAL"),
      minFee: decimal(env.FEDPAY_TERMS_MIN_FEE, "FEDPAY_TERMS_MIN_FEE"),
      gds: gds ? getAddress(gds) : undefined,
      accepting: flag(env.FEDPAY_TERMS_ACCEPTING, "FEDPAY_TERMS_ACCEPTING", true),
    },
    autoChallenge: flag(env.FEDPAY_AUTO_CHALLENGE, "FEDPAY_AUTO_CHALLENGE", true),
    port,
    token,
    progressIntervalMs: whole(env.FEDPAY_PROGRESS_INTERVAL_S, "FEDPAY_PROGRESS_INTERVAL_S", 60) * 1000,
    statusEveryBlocks: BigInt(whole(env.FEDPAY_STATUS_EVERY, "FEDPAY_STATUS_EVERY", 20)),
    pollMs: env.FEDPAY_POLL_MS ? whole(env.FEDPAY_POLL_MS, "FEDPAY_POLL_MS", 250, 10) : undefined,
    logPageBlocks: BigInt(whole(env.FEDPAY_LOG_PAGE_BLOCKS, "FEDPAY_LOG_PAGE_BLOCKS", 10_000, 1)),
  };
}

function readKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new Error(
      `FEDPAY_NODE_KEY_FILE ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The signing account; a demo account only on the local chain (its keys are public). */
export function resolveAccount(settings: AgentSettings, chainId: number): LocalAccount {
  if ("privateKey" in settings.key) return privateKeyToAccount(settings.key.privateKey);
  if (chainId !== LOCAL_CHAIN_ID)
    throw new Error(
      `--dev-account signs with a public test key: only on the local chain (31337), not ${chainId}`,
    );
  const index = settings.key.devIndex;
  const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  if (account.address !== devAccounts[index]!.address)
    throw new Error(`Dev account ${index} derives to ${account.address}, not ${devAccounts[index]!.address}`);
  return account;
}

export function defaultPollMs(chainId: number): number {
  return chainId === LOCAL_CHAIN_ID ? 250 : 2_000;
}
