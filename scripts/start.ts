// `npm start`: the local chain (persisted), the contract (deployed once), the demo (seeded once)
// and the Vite dev server, with one readable summary. Ctrl-C stops everything it started.
// Flags: --reset wipes the local chain first (all accounts, jobs and balances go back to genesis);
// --no-watcher runs without the GDS watcher (src/services/gds-watcher), which otherwise runs beside the app;
// --no-indexer without the indexer (src/services/indexer), which otherwise serves the history on 42069;
// --native deploys the market on the chain's native coin instead of the demo stablecoin (fdUSD, 6 decimals,
// EIP-2612 permits, 10,000 minted to each dev account), which is the default (docs/rules.md §12).
// --agents also runs a node agent and a demo training loop per demo DO and MPC (scripts/demo-agents.ts).
import path from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { describeAsset, isNativeAsset } from "../src/protocol/asset.ts";
import { DEMO_TOKENS_PER_ACCOUNT, LOCAL_CHAIN_ID as CHAIN_ID } from "../src/protocol/devAccounts.ts";
import { parseFlags } from "./lib/cli.ts";
import { bringUpLocalChain, type LocalChain, PortTakenError } from "./lib/local-chain.ts";
import { anvilStateDir, repoRoot } from "./lib/paths.ts";
import { roleMapLines } from "./lib/role-map.ts";
import { describeSeed } from "./lib/seeded-job.ts";
import { startWatcherProcess, type WatcherProcess } from "./lib/spawn-watcher.ts";
import { demoAgentLines, type DemoAgentsProcess, startDemoAgents } from "./lib/spawn-demo-agents.ts";
import { freePort, isPortFree } from "./lib/anvil.ts";
import { type IndexerProcess, startIndexerProcess } from "../src/services/indexer/spawn.ts";

const CHAIN_PORT = 8545;
const INDEXER_PORT = 42069;
const stateFile = path.join(anvilStateDir, "state.json");

const { flags } = parseFlags(process.argv.slice(2));
const step = (text: string) => console.log(`\x1b[36m›\x1b[0m ${text}`);

let chain: LocalChain | undefined;
let vite: ViteDevServer | undefined;
let watcher: WatcherProcess | undefined;
let indexer: IndexerProcess | undefined;
let agents: DemoAgentsProcess | undefined;
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping FedPay…");
  await vite?.close().catch(() => undefined);
  await watcher?.stop();
  await agents?.stop();
  await indexer?.stop();
  if (chain) {
    await chain.anvil.stop();
    console.log(`Chain stopped; its state is saved in ${path.relative(repoRoot, stateFile)}`);
  }
  process.exit(code);
}

async function main() {
  const started = Date.now();
  chain = await bringUpLocalChain({
    port: CHAIN_PORT,
    stateFile,
    reset: flags.has("reset"),
    native: flags.has("native"),
    log: step,
    detail: (line) => console.log(`    ${line}`),
  });
  const { anvil, rpcUrl, record, recordFile, seeded } = chain;
  void anvil.exited.then((code) => {
    if (!stopping) {
      console.error(`anvil exited unexpectedly (code ${code})`);
      void stopAll(1);
    }
  });

  const withWatcher = !flags.has("no-watcher");
  if (withWatcher) {
    step("Starting the GDS watcher (its lines are marked [watcher])");
    watcher = startWatcherProcess({ rpcUrl, recordFile });
  }

  if (flags.has("agents")) {
    step("Starting the demo node agents (their lines are marked [agents])");
    agents = startDemoAgents({ rpcUrl, recordFile });
  }

  const withIndexer = !flags.has("no-indexer");
  let indexerUrl: string | undefined;
  if (withIndexer) {
    step("Starting the indexer (its lines are marked [indexer]; it serves once it has read the chain)");
    // The port is chosen here, so the app knows the indexer's URL before the indexer is up.
    const port = (await isPortFree(INDEXER_PORT)) ? INDEXER_PORT : await freePort();
    indexerUrl = `http://127.0.0.1:${port}`;
    indexer = await startIndexerProcess({
      port,
      env: { FEDPAY_RPC_URL: rpcUrl, FEDPAY_CHAIN_ID: String(CHAIN_ID), FEDPAY_DEPLOYMENT: recordFile },
      log: (line) => {
        if (!line.startsWith("Indexed block")) console.log(`\x1b[33m[indexer]\x1b[0m ${line}`);
      },
    });
    process.env.VITE_INDEXER_URL = indexerUrl;
  }

  step("Starting the Vite dev server");
  process.env.VITE_RPC_URL = rpcUrl;
  process.env.VITE_CHAIN_ID = String(CHAIN_ID);
  process.env.VITE_DEPLOYMENT = recordFile;
  vite = await createServer({ root: repoRoot, configFile: path.join(repoRoot, "vite.config.ts") });
  await vite.listen();
  const appUrl = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port}/`;

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [
    "",
    "══════════════════════════ FedPay is running ══════════════════════════",
    `  App         ${appUrl}`,
    `  Chain RPC   ${rpcUrl}  (anvil, chain id ${CHAIN_ID}, state ${path.relative(repoRoot, stateFile)})`,
    `  JobMarket   ${record.jobMarket}  (proxy; v${record.version}, deployed at block ${record.deployBlock})`,
    `  Lens        ${record.jobMarketLens ?? "not deployed"}`,
    `  Asset       ${describeAsset(record.asset)}`,
    isNativeAsset(record.asset)
      ? "              (npm run start:reset starts over on the demo stablecoin)"
      : "              (npm run start:reset -- --native starts over on the native coin)",
    `  Record      ${path.relative(repoRoot, recordFile)}`,
    withWatcher
      ? "  Watcher     the GDS watcher runs as the GDS (#1): reports timeouts, settles aborts, cancels expired orders"
      : "  Watcher     off (--no-watcher); npm run gds:watch starts it",
    indexerUrl
      ? `  Indexer     ${indexerUrl}/graphql (GraphQL; GET opens GraphiQL), ${indexerUrl}/sql (@ponder/client)`
      : "  Indexer     off (--no-indexer); npm run indexer starts it",
    ...(agents ? demoAgentLines(agents) : []),
    "",
    '  Dev accounts (pick "Dev accounts" in Connect Wallet, then switch role in the header):',
    ...roleMapLines(
      isNativeAsset(record.asset)
        ? "10,000 ETH"
        : `10,000 ETH for gas and ${Number(DEMO_TOKENS_PER_ACCOUNT).toLocaleString("en-US")} ${record.asset.symbol}`,
    ),
    ...(seeded ? ["", "  Demo jobs seeded just now:", ...describeSeed(seeded)] : []),
    "",
    `  Ready in ${seconds} s. Ctrl-C stops the app and the chain (the chain's state is kept;`,
    "  npm run start:reset starts from genesis).",
    "═══════════════════════════════════════════════════════════════════════",
  ];
  console.log(lines.join("\n"));
}

process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));
process.on("SIGHUP", () => void stopAll(0)); // the terminal closed
main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof PortTakenError ? `\n${message}` : `\nnpm start failed: ${message}`);
  await stopAll(1);
});
