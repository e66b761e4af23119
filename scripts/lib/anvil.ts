// Starts and stops anvil (npm @foundry-rs/anvil) for start, the tests and the e2e setup.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ANVIL_ACCOUNT_COUNT } from "../../src/protocol/devAccounts.ts";
import { binDir } from "./paths.ts";

export interface AnvilOptions {
  port: number;
  host?: string;
  /** Persist the chain to this file (loaded at start, dumped every few seconds and at stop). */
  stateFile?: string;
  /** Print anvil's own output (it is noisy: one line per request). */
  verbose?: boolean;
}

export interface AnvilHandle {
  rpcUrl: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
  /** Resolves when anvil exits, for whatever reason. */
  exited: Promise<number | null>;
}

/** Whether something on host:port answers eth_chainId; returns its chain id if so. */
export async function probeChain(rpcUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_500),
    });
    const body = (await response.json()) as { result?: string };
    return body.result ? Number(body.result) : undefined;
  } catch {
    return undefined;
  }
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startAnvil(options: AnvilOptions): Promise<AnvilHandle> {
  const host = options.host ?? "127.0.0.1";
  // Cancun + pruned history: mining thousands of blocks stays instant and writes nothing to ~/.foundry.
  const args = [
    "--host",
    host,
    "--port",
    String(options.port),
    "--hardfork",
    "cancun",
    "--prune-history",
    "--accounts",
    String(ANVIL_ACCOUNT_COUNT),
    "--chain-id",
    "31337",
  ];
  if (options.stateFile) {
    // anvil silently writes nothing when the folder is missing.
    fs.mkdirSync(path.dirname(options.stateFile), { recursive: true });
    args.push("--state", options.stateFile, "--state-interval", "5");
  }
  const child: ChildProcess = spawn(path.join(binDir, "anvil"), args, {
    stdio: ["ignore", options.verbose ? "inherit" : "pipe", options.verbose ? "inherit" : "pipe"],
    detached: true, // its own process group: a Ctrl-C in the terminal reaches it only through us
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  if (process.env.ANVIL_DEBUG)
    child.once("exit", (code, signal) =>
      console.error(
        `[anvil ${options.port}] exit code=${code} signal=${signal} pid=${process.pid}\n${output}`,
      ),
    );
  const rpcUrl = `http://${host}:${options.port}`;

  const deadline = Date.now() + 30_000;
  let running = true;
  void exited.then(() => (running = false));
  while ((await probeChain(rpcUrl)) === undefined) {
    if (!running) throw new Error(`anvil exited before it answered on ${rpcUrl}:\n${output}`);
    if (Date.now() > deadline) {
      killGroup(child.pid, "SIGKILL");
      throw new Error(`anvil did not answer on ${rpcUrl} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const stop = async () => {
    if (!running) return;
    // The npm wrapper forwards SIGTERM to the binary, which then dumps its state and exits.
    child.kill("SIGTERM");
    const timer = setTimeout(() => killGroup(child.pid, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { rpcUrl, port: options.port, pid: child.pid!, stop, exited };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
