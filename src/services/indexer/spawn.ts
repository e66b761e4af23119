// Runs the indexer (`ponder start`) as a child process beside the chain: for npm start, `npm run
// indexer`, the tests and the benchmark. Its JSON log lines are shown as short readable lines, its
// URL is known once its HTTP server is up, and stop() ends it gracefully: Ponder then releases its
// lock on the database schema (a killed instance holds it ~25 s, and the next start waits that long).
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { indexerRoot, type IndexerSettings, readIndexerSettings, repoRoot } from "./settings.ts";

export interface IndexerProcessOptions {
  /** FEDPAY_* settings (settings.ts); anything unset falls back to the deployment record. */
  env?: NodeJS.ProcessEnv;
  /** The HTTP port to ask for (default 42069); Ponder takes the next free one if it is taken. */
  port?: number;
  /** PostgreSQL instead of PGlite (default: DATABASE_URL from the environment, if any). */
  databaseUrl?: string;
  /** The database schema; default fedpay_<index key> (see indexKey). */
  schema?: string;
  log?: (line: string) => void;
  /** Ponder's log level (default info; indexedBlock() reads the info lines). */
  logLevel?: "info" | "debug";
}

export interface IndexerProcess {
  pid: number;
  settings: IndexerSettings;
  schema: string;
  /** Resolves with the base URL (http://127.0.0.1:port) once the HTTP server listens. */
  url: Promise<string>;
  /** Resolves once the backfill is done and /ready answers 200. */
  ready(timeoutMs?: number): Promise<void>;
  /**
   * The last block this process has indexed: the finalized block its backfill reached, then each
   * block it indexed live. (Ponder's /status can show the previous run's block after a restart,
   * before the unfinalized blocks it reverts are indexed again.)
   */
  indexedBlock(): bigint | undefined;
  /** Resolves once this process has indexed `block` (the chain's head, say). */
  indexed(block: bigint, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code when the process has exited, for whatever reason. */
  exited: Promise<number | null>;
  /** SIGINT, then SIGKILL if it has not exited within 15 s. */
  stop(): Promise<void>;
  /** SIGKILL at once: a crash, for the crash-recovery test. */
  kill(): Promise<void>;
}

const ponderBin = path.join(repoRoot, "node_modules/ponder/dist/esm/bin/ponder.js");

const RELATIVE_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/gm;

/**
 * The indexer's own files and every repository file they import (the generated ABIs, the protocol's
 * enums and money rules): a change to any of them is a new index.
 */
export function codeFiles(): string[] {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file) || !fs.existsSync(file)) return;
    files.add(file);
    for (const match of fs.readFileSync(file, "utf8").matchAll(RELATIVE_IMPORT)) {
      visit(path.resolve(path.dirname(file), match[1]!));
    }
  };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && entry.name !== "generated" && entry.name !== "testing") walk(full);
      } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) visit(full);
    }
  };
  walk(indexerRoot);
  return [...files].sort();
}

async function blockHash(rpcUrl: string, block: number): Promise<string> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "eth_getBlockByNumber",
      params: [`0x${block.toString(16)}`, false],
    }),
  });
  const body = (await response.json()) as { result?: { hash: string } | null; error?: { message: string } };
  if (!body.result) {
    throw new Error(`The chain at ${rpcUrl} has no block ${block} (the market's start block): wrong chain?`);
  }
  return body.result.hash;
}

/**
 * What the index is of: the chain (its start block's hash tells a reset local chain from the one
 * indexed before), the market, and the indexer's code. Ponder refuses to resume a schema built by
 * other code, and would resume a reset chain's schema as if nothing changed; a schema (and a PGlite
 * folder) per key avoids both.
 */
export async function indexKey(settings: IndexerSettings): Promise<string> {
  const hash = createHash("sha256");
  hash.update(
    JSON.stringify([
      settings.chainId,
      settings.market,
      settings.startBlock,
      settings.rpcUrl,
      settings.pollingMs,
    ]),
  );
  hash.update(await blockHash(settings.rpcUrl, settings.startBlock));
  for (const file of codeFiles()) hash.update(file).update(fs.readFileSync(file));
  return hash.digest("hex").slice(0, 12);
}

/** A PGlite folder per key; the market's older ones (other code, a reset chain) are removed. */
function pgliteDir(settings: IndexerSettings, key: string): string {
  const parent = path.dirname(settings.dataDir);
  const prefix = `${path.basename(settings.dataDir)}-`;
  fs.mkdirSync(parent, { recursive: true });
  for (const entry of fs.readdirSync(parent)) {
    if (entry.startsWith(prefix) && entry !== `${prefix}${key}`) {
      fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
    }
  }
  return path.join(parent, `${prefix}${key}`);
}

interface LogLine {
  level?: number;
  msg?: string;
  port?: number;
  number?: number;
  finalized_block?: number;
  error?: { message?: string };
  [key: string]: unknown;
}

/** Ponder's JSON log line as one short line: level, message, and its few useful fields. */
function readable(line: LogLine): string {
  const level = (line.level ?? 30) >= 50 ? "ERROR " : (line.level ?? 30) >= 40 ? "WARN " : "";
  const skip = new Set(["level", "time", "msg", "service", "pid", "hostname"]);
  const fields = Object.entries(line)
    .filter(([k, v]) => !skip.has(k) && v !== undefined && typeof v !== "object")
    .map(([k, v]) => `${k}=${String(v)}`);
  const error = line.error?.message ? ` — ${line.error.message}` : "";
  return `${level}${line.msg ?? ""}${fields.length ? ` (${fields.join(", ")})` : ""}${error}`;
}

export async function startIndexerProcess(options: IndexerProcessOptions = {}): Promise<IndexerProcess> {
  const env = { ...process.env, ...options.env };
  const settings = readIndexerSettings(env);
  const key = await indexKey(settings);
  const schema = options.schema ?? `fedpay_${key}`;
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
  const dataDir = databaseUrl ? settings.dataDir : pgliteDir(settings, key);
  const log = options.log ?? ((line: string) => console.log(line));

  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    PONDER_TELEMETRY_DISABLED: "true",
    FEDPAY_RPC_URL: settings.rpcUrl,
    FEDPAY_CHAIN_ID: String(settings.chainId),
    FEDPAY_MARKET: settings.market,
    FEDPAY_START_BLOCK: String(settings.startBlock),
    FEDPAY_INDEXER_POLL_MS: String(settings.pollingMs),
    FEDPAY_INDEXER_DATA_DIR: dataDir,
  };
  if (databaseUrl) childEnv.DATABASE_URL = databaseUrl;
  else delete childEnv.DATABASE_URL;
  delete childEnv.DATABASE_SCHEMA;

  // node itself running Ponder's CLI (no npx wrapper): a signal reaches Ponder directly.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ponderBin,
      "--root",
      indexerRoot,
      "--log-format",
      "json",
      "--log-level",
      options.logLevel ?? "info",
      "start",
      "--schema",
      schema,
      "--port",
      String(options.port ?? 42069),
      "--hostname",
      "127.0.0.1",
    ],
    // Ponder's GraphQL middleware writes generated/schema.graphql into the working directory.
    { cwd: indexerRoot, env: childEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // A parent that ends without stop() (a crash, process.exit) must not leave the indexer running.
  const orphanGuard = () => child.kill("SIGINT");
  process.once("exit", orphanGuard);
  void exited.then(() => process.off("exit", orphanGuard));

  let onUrl: (url: string) => void = () => undefined;
  let onNoUrl: (error: Error) => void = () => undefined;
  const url = new Promise<string>((resolve, reject) => {
    onUrl = resolve;
    onNoUrl = reject;
  });
  url.catch(() => undefined); // a caller that never asks for the URL must not see an unhandled rejection
  const recent: string[] = [];
  let indexedBlock: bigint | undefined;
  const onLine = (raw: string) => {
    let line: LogLine;
    try {
      line = JSON.parse(raw) as LogLine;
    } catch {
      line = { msg: raw };
    }
    if (line.msg === "Created HTTP server" && typeof line.port === "number") {
      onUrl(`http://127.0.0.1:${line.port}`);
    }
    if (line.msg === "Started live indexing" && typeof line.finalized_block === "number") {
      indexedBlock = BigInt(line.finalized_block);
    }
    if (line.msg === "Indexed block" && typeof line.number === "number") indexedBlock = BigInt(line.number);
    const text = readable(line);
    recent.push(text);
    if (recent.length > 30) recent.shift();
    log(text);
  };
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on("line", onLine);
  }
  void exited.then((code) =>
    onNoUrl(new Error(`The indexer exited (code ${code}) before serving HTTP:\n${recent.join("\n")}`)),
  );

  const get = async (pathname: string) =>
    fetch(`${await url}${pathname}`, { signal: AbortSignal.timeout(5_000) });
  const running = () => child.exitCode === null && child.signalCode === null;
  const end = async (signal: NodeJS.Signals) => {
    if (!running()) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };

  return {
    pid: child.pid!,
    settings: { ...settings, dataDir },
    schema,
    url,
    async ready(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (!running()) throw new Error(`The indexer exited before it was ready:\n${recent.join("\n")}`);
        const response = await get("/ready").catch(() => undefined);
        if (response?.status === 200) return;
        if (Date.now() > deadline) throw new Error(`The indexer was not ready within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    indexedBlock: () => indexedBlock,
    async indexed(block, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (indexedBlock === undefined || indexedBlock < block) {
        if (!running())
          throw new Error(`The indexer exited before it indexed block ${block}:\n${recent.join("\n")}`);
        if (Date.now() > deadline) {
          throw new Error(
            `The indexer had not indexed block ${block} within ${timeoutMs} ms:\n${recent.join("\n")}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
    // Not SIGTERM: the Vite server Ponder builds with exits the process on SIGTERM at once, before
    // Ponder has released its lock. On SIGINT only Ponder's own shutdown runs.
    stop: () => end("SIGINT"),
    kill: () => end("SIGKILL"),
  };
}
