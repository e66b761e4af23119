// What the indexer indexes and where it keeps its data, from environment variables or the deployment
// record the deploy script wrote. Read synchronously: ponder.config.ts is evaluated from it.
//   FEDPAY_RPC_URL            the chain's JSON-RPC endpoint (default http://127.0.0.1:8545)
//   FEDPAY_CHAIN_ID           its chain id (default 31337, the local chain)
//   FEDPAY_MARKET             the JobMarket proxy's address   } both, or neither: then the deployment
//   FEDPAY_START_BLOCK        the proxy's deployment block    } record FEDPAY_DEPLOYMENT gives them
//   FEDPAY_DEPLOYMENT         default .data/deployments/<chainId>.json
//   FEDPAY_INDEXER_DATA_DIR   PGlite's folder (default .data/indexer/<chainId>-<market>-<startBlock>)
//   FEDPAY_INDEXER_POLL_MS    how often to ask for a new block (default 200 local, 1000 elsewhere)
//   DATABASE_URL              PostgreSQL instead of PGlite (Ponder reads it)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Address, getAddress, isAddress } from "viem";

export const LOCAL_CHAIN_ID = 31337;

/** The repository root, from this file's place in it (src/services/indexer). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** Ponder's project root: ponder.config.ts, ponder.schema.ts and src/ live here. */
export const indexerRoot = path.join(repoRoot, "src/services/indexer");

type Env = Record<string, string | undefined>;

export interface IndexerSettings {
  rpcUrl: string;
  chainId: number;
  market: Address;
  /** The block the market was deployed in: nothing of it exists before. */
  startBlock: number;
  pollingMs: number;
  /** PGlite's folder, used when DATABASE_URL is not set. */
  dataDir: string;
}

/** The fields of the deploy script's record the indexer needs (scripts/lib/deployment-record.ts). */
interface RecordFields {
  chainId: number;
  jobMarket: string;
  deployBlock: string;
}

function wholeNumber(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

function readRecord(file: string, chainId: number): RecordFields {
  if (!fs.existsSync(file)) {
    throw new Error(
      `No deployment record at ${file}: deploy first (npm run deploy) or set FEDPAY_MARKET and FEDPAY_START_BLOCK`,
    );
  }
  const record = JSON.parse(fs.readFileSync(file, "utf8")) as RecordFields;
  if (record.chainId !== chainId) {
    throw new Error(`The deployment record ${file} is for chain ${record.chainId}, not ${chainId}`);
  }
  return record;
}

export function readIndexerSettings(env: Env = process.env): IndexerSettings {
  const chainId = wholeNumber(env, "FEDPAY_CHAIN_ID") ?? LOCAL_CHAIN_ID;
  const rpcUrl = env.FEDPAY_RPC_URL || "http://127.0.0.1:8545";
  let market = env.FEDPAY_MARKET || undefined;
  let startBlock = wholeNumber(env, "FEDPAY_START_BLOCK");
  if ((market === undefined) !== (startBlock === undefined)) {
    throw new Error(
      "Set both FEDPAY_MARKET and FEDPAY_START_BLOCK, or neither (to read the deployment record)",
    );
  }
  if (market === undefined || startBlock === undefined) {
    const file = env.FEDPAY_DEPLOYMENT
      ? path.resolve(repoRoot, env.FEDPAY_DEPLOYMENT)
      : path.join(repoRoot, ".data/deployments", `${chainId}.json`);
    const record = readRecord(file, chainId);
    market = record.jobMarket;
    startBlock = Number(record.deployBlock);
  }
  if (!isAddress(market, { strict: false })) throw new Error(`FEDPAY_MARKET is not an address: "${market}"`);
  const address = getAddress(market);
  return {
    rpcUrl,
    chainId,
    market: address,
    startBlock,
    pollingMs: wholeNumber(env, "FEDPAY_INDEXER_POLL_MS") ?? (chainId === LOCAL_CHAIN_ID ? 200 : 1_000),
    dataDir: env.FEDPAY_INDEXER_DATA_DIR
      ? path.resolve(repoRoot, env.FEDPAY_INDEXER_DATA_DIR)
      : path.join(repoRoot, ".data/indexer", `${chainId}-${address.toLowerCase()}-${startBlock}`),
  };
}
