// The app as a user gets it: a production build for the benchmark's chain, served by vite preview
// (as the browser tests' global setup does, e2e/global-setup.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Address } from "viem";
import { build, preview } from "vite";
import { freePort } from "../../lib/anvil.ts";
import { repoRoot } from "../../lib/paths.ts";

export interface ServedApp {
  baseUrl: string;
  close(): Promise<void>;
}

export interface AppChain {
  rpcUrl: string;
  market: Address;
  lens: Address;
  deployBlock: bigint;
}

export async function buildAndServeApp(chain: AppChain): Promise<ServedApp> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-dashboard-"));
  // vite.config.ts reads these from the environment (README "Other chains").
  Object.assign(process.env, {
    VITE_RPC_URL: chain.rpcUrl,
    VITE_CHAIN_ID: "31337",
    VITE_JOB_MARKET_ADDRESS: chain.market,
    VITE_JOB_MARKET_LENS_ADDRESS: chain.lens,
    VITE_DEPLOY_BLOCK: chain.deployBlock.toString(),
  });
  try {
    await build({ root: repoRoot, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    const served = await serveBuild(outDir);
    return {
      baseUrl: served.baseUrl,
      async close() {
        await served.close();
        fs.rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}

/** Serves a production build with vite preview on a free port. */
export async function serveBuild(outDir: string): Promise<ServedApp> {
  const server = await preview({
    root: repoRoot,
    logLevel: "warn",
    build: { outDir },
    preview: { host: "127.0.0.1", port: await freePort(), strictPort: true },
  });
  const baseUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, "");
  if (!baseUrl) throw new Error("vite preview did not report its URL");
  return {
    baseUrl,
    close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())),
  };
}
