// `npm start`: the local chain (persisted), the contract (deployed once), the demo (seeded once)
// and the Vite dev server, with one readable summary. Ctrl-C stops everything it started.
// Flags: --reset wipes the local chain first (all accounts, jobs and balances go back to genesis).
import fs from "node:fs";
import path from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { type AnvilHandle, isPortFree, probeChain, startAnvil } from "./lib/anvil.ts";
import { parseFlags } from "./lib/cli.ts";
import { anvilStateDir, binDir, repoRoot } from "./lib/paths.ts";
import { roleMapLines } from "./lib/role-map.ts";
import { run } from "./lib/run.ts";
import { generateAbis } from "./gen-abi.ts";

const CHAIN_PORT = 8545;
const CHAIN_ID = 31337;
const stateFile = path.join(anvilStateDir, "state.json");

const { flags } = parseFlags(process.argv.slice(2));
const step = (text: string) => console.log(`\x1b[36m›\x1b[0m ${text}`);

let anvil: AnvilHandle | undefined;
let vite: ViteDevServer | undefined;
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping FedPay…");
  await vite?.close().catch(() => undefined);
  if (anvil) {
    await anvil.stop();
    console.log(`Chain stopped; its state is saved in ${path.relative(repoRoot, stateFile)}`);
  }
  process.exit(code);
}

async function main() {
  const started = Date.now();
  const rpcUrl = `http://127.0.0.1:${CHAIN_PORT}`;
  const running = await probeChain(rpcUrl);
  if (running !== undefined) {
    console.error(
      `\nPort ${CHAIN_PORT} already serves a chain (chain id ${running}): is another \`npm start\` running?\n` +
        `FedPay starts its own chain there. Stop the other one (Ctrl-C in its terminal, or kill the process\n` +
        `listening on ${CHAIN_PORT}) and run npm start again.`,
    );
    process.exit(1);
  }
  if (!(await isPortFree(CHAIN_PORT))) {
    console.error(
      `\nPort ${CHAIN_PORT} is taken by something that is not a chain. Free it and run npm start again.`,
    );
    process.exit(1);
  }

  if (flags.has("reset")) {
    fs.rmSync(anvilStateDir, { recursive: true, force: true });
    step("Reset: the local chain starts from genesis");
  }
  const resumed = fs.existsSync(stateFile);
  step(resumed ? `Starting anvil from ${path.relative(repoRoot, stateFile)}` : "Starting a fresh anvil");
  anvil = await startAnvil({ port: CHAIN_PORT, stateFile });
  void anvil.exited.then((code) => {
    if (!stopping) {
      console.error(`anvil exited unexpectedly (code ${code})`);
      void stopAll(1);
    }
  });

  step("Compiling the contracts (a minute or two the first time, cached afterwards)");
  const compile = await run(path.join(binDir, "hardhat"), [
    "--config",
    "contracts/hardhat.config.cts",
    "--tsconfig",
    "contracts/tsconfig.json",
    "compile",
  ]);
  if (compile.code !== 0) throw new Error(`Contract compilation failed:\n${compile.output}`);
  const abis = generateAbis();
  step(`Typed ABIs: ${abis.file} ${abis.changed ? "regenerated" : "up to date"}`);

  // Imported here, not at the top: they read the generated ABI, which the step above writes.
  const { deployMarket } = await import("./deploy.ts");
  const { seedDemo, describeSeed } = await import("./seed.ts");
  const log = (line: string) => console.log(`  ${line}`);
  step("Deploying JobMarket if the chain does not have it");
  const { record, recordFile } = await deployMarket({ rpcUrl, log });
  step("Seeding the demo if the market is empty");
  const seeded = await seedDemo({ rpcUrl, log });

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
    `  Record      ${path.relative(repoRoot, recordFile)}`,
    "",
    '  Dev accounts (pick "Dev accounts" in Connect Wallet, then switch role in the header):',
    ...roleMapLines(),
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
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
