// `npm run indexer`: the indexer on its own, beside a running chain (npm start runs it for you).
// Settings are settings.ts's environment variables; by default the local chain on 8545 and the
// market of its deployment record. INDEXER_PORT picks the HTTP port (default 42069).
import { startIndexerProcess } from "./spawn.ts";

const indexer = await startIndexerProcess({
  port: process.env.INDEXER_PORT ? Number(process.env.INDEXER_PORT) : undefined,
  log: (line) => {
    if (!line.startsWith("Indexed block")) console.log(`[indexer] ${line}`);
  },
});
const { settings } = indexer;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void indexer.stop();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const url = await indexer.url;
console.log(
  [
    "",
    `  Indexer     ${url}/graphql (GraphQL; GET opens GraphiQL) · ${url}/sql (@ponder/client)`,
    `  Indexing    JobMarket ${settings.market} on chain ${settings.chainId} (${settings.rpcUrl}) from block ${settings.startBlock}`,
    `  Database    ${process.env.DATABASE_URL ? `PostgreSQL, schema ${indexer.schema}` : `PGlite in ${settings.dataDir}`}`,
    "",
  ].join("\n"),
);
process.exitCode = (await indexer.exited) ?? 0;
