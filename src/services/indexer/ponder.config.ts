// Ponder's configuration: the one chain and the one contract, from settings.ts. PGlite in
// FEDPAY_INDEXER_DATA_DIR unless DATABASE_URL names a PostgreSQL database.
import { createConfig } from "ponder";
import { jobMarketAbi } from "./abi.ts";
import { LOCAL_CHAIN_ID, readIndexerSettings } from "./settings.ts";

const settings = readIndexerSettings();

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: settings.dataDir },
  chains: {
    chain: {
      id: settings.chainId,
      rpc: settings.rpcUrl,
      pollingInterval: settings.pollingMs,
      // Ponder caches finalized RPC data in the database (ponder_sync). A reset local chain has
      // other blocks under the same numbers: PGlite's folder is per chain (spawn.ts keys it by the
      // start block's hash), a PostgreSQL database is shared, so there the local chain is not cached.
      disableCache: settings.chainId === LOCAL_CHAIN_ID && Boolean(process.env.DATABASE_URL),
    },
  },
  contracts: {
    JobMarket: {
      chain: "chain",
      abi: jobMarketAbi,
      address: settings.market,
      startBlock: settings.startBlock,
    },
  },
});
