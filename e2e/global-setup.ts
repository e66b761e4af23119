// Starts everything the browser tests need, on free ports, independent of any `npm start`:
// anvil, three JobMarkets on it (deploy script; docs/rules.md §12): on the demo stablecoin with permits (the
// default the tests use), on a token without permits (DemoTether, approve-then-pay) and on the native coin;
// the demo seed on each, the app built for each, vite preview for each.
// Returns the teardown. Set E2E_SEED=0 to test against empty markets.
import fs from "node:fs";
import path from "node:path";
import { build, preview } from "vite";
import { freePort, startAnvil } from "../scripts/lib/anvil.ts";
import { compileContracts } from "../scripts/lib/compile.ts";
import { dataDir, repoRoot } from "../scripts/lib/paths.ts";
import { generateAbis } from "../scripts/gen-abi.ts";
import { type E2EMarket, type MarketVariant, publishE2EEnvironment } from "./fixtures/e2e-env.ts";

// One folder per run (the id is fixed in playwright.config.ts), so that two runs in the same
// checkout do not delete each other's build.
const workDir = path.join(dataDir, "e2e", process.env.FEDPAY_E2E_RUN ?? "run");

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const say = (text: string) => console.log(`[e2e setup] ${text}`);
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });

  const anvil = await startAnvil({ port: await freePort() });
  say(`anvil on ${anvil.rpcUrl}`);
  try {
    await compileContracts({ quiet: true });
    generateAbis();

    // After the ABIs exist: the seed imports them.
    const { deployDemoToken, deployerAddress, deployMarket } = await import("../scripts/deploy.ts");
    const { seedDemo } = await import("../scripts/seed.ts");
    const { connect } = await import("../scripts/lib/chain.ts");
    const quiet = () => undefined;
    const seeded = process.env.E2E_SEED !== "0";
    const ctx = await connect(anvil.rpcUrl);
    const tether = await deployDemoToken(ctx, await deployerAddress(ctx), quiet, "DemoTether");
    const variants: [MarketVariant, { demoToken?: boolean; asset?: `0x${string}` }][] = [
      ["token", { demoToken: true }],
      ["approve", { asset: tether }],
      ["native", {}],
    ];
    Object.assign(process.env, { VITE_RPC_URL: anvil.rpcUrl, VITE_CHAIN_ID: "31337" });
    const markets = {} as Record<MarketVariant, E2EMarket>;
    const servers: { close(): Promise<void> }[] = [];
    for (const [variant, asset] of variants) {
      const deploymentFile = path.join(workDir, `deployment-${variant}.json`);
      const { record } = await deployMarket({
        rpcUrl: anvil.rpcUrl,
        recordFile: deploymentFile,
        log: quiet,
        ...asset,
      });
      if (seeded) await seedDemo({ rpcUrl: anvil.rpcUrl, recordFile: deploymentFile, log: quiet });
      const outDir = path.join(workDir, `dist-${variant}`);
      process.env.VITE_DEPLOYMENT = deploymentFile;
      await build({ root: repoRoot, logLevel: "warn", build: { outDir, emptyOutDir: true } });
      const server = await preview({
        root: repoRoot,
        logLevel: "warn",
        build: { outDir },
        preview: { host: "127.0.0.1", port: await freePort(), strictPort: true },
      });
      servers.push({ close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())) });
      const baseUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, "") ?? "";
      if (!baseUrl) throw new Error("vite preview did not report its URL");
      markets[variant] = {
        baseUrl,
        jobMarket: record.jobMarket,
        jobMarketLens: record.jobMarketLens,
        deploymentFile,
        asset: record.asset,
      };
      say(
        `${variant} market ${record.jobMarket} on ${record.asset.symbol}${seeded ? ", demo seeded" : ", empty"}; app on ${baseUrl}`,
      );
    }
    publishE2EEnvironment({ ...markets.token, rpcUrl: anvil.rpcUrl, chainId: 31337, seeded, markets });
    say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    return async () => {
      for (const server of servers) await server.close();
      await anvil.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
      removeIfEmpty(path.join(repoRoot, "test-results/e2e", process.env.FEDPAY_E2E_RUN ?? "run"));
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** A run without failures leaves no artifacts: do not leave its empty folder behind either. */
function removeIfEmpty(dir: string) {
  try {
    if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  } catch {
    // absent: nothing to do
  }
}
