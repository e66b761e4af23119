// Runs a node agent (src/services/node-agent) as a child process: `npm start -- --agents` runs one per
// demo DO and MPC, and the agent's tests run them as an operator would (killed and restarted at will).
// Its lines are prefixed so they read apart from the rest.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { repoRoot } from "./paths.ts";

export interface AgentProcess {
  pid: number;
  /** The API's base URL, http://127.0.0.1:<port>. */
  url: string;
  /** Resolves when the process has exited, for whatever reason. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash). */
  kill(): Promise<void>;
}

export interface AgentProcessOptions {
  rpcUrl: string;
  port: number;
  token: string;
  /** A demo account's label or index (local chain), or set FEDPAY_NODE_KEY in `env`. */
  devAccount?: string;
  /** The deployment record to read the market from (FEDPAY_MARKET in `env` overrides it). */
  recordFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Where its lines go, prefixed; default stdout with "[agent <label>]". */
  log?: (line: string) => void;
  label?: string;
}

export function startAgentProcess(options: AgentProcessOptions): AgentProcess {
  const label = options.label ?? options.devAccount ?? "node";
  const log = options.log ?? ((line: string) => console.log(`\x1b[32m[agent ${label}]\x1b[0m ${line}`));
  // node itself with tsx as a loader (no wrapper process): a signal reaches the agent directly.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(repoRoot, "src/services/node-agent/main.ts"),
      ...(options.devAccount ? ["--dev-account", options.devAccount] : []),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        FEDPAY_RPC_URL: options.rpcUrl,
        FEDPAY_AGENT_PORT: String(options.port),
        FEDPAY_AGENT_TOKEN: options.token,
        ...(options.recordFile ? { FEDPAY_DEPLOYMENT: options.recordFile } : {}),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on("line", log);
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${options.port}`,
    exited,
    async stop() {
      if (!running()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (!running()) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}
