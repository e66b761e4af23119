// Runs the watcher as a child process beside the local chain (npm start): its lines are prefixed so
// they read apart from the app's, and stop() ends it before the chain goes away.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { repoRoot } from "./paths.ts";

export interface WatcherProcess {
  pid: number;
  /** Resolves when the process has exited, for whatever reason. */
  exited: Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

export function startWatcherProcess(options: {
  rpcUrl: string;
  /** The deployment record to read the market from (JOB_MARKET_ADDRESS in `env` overrides it). */
  recordFile?: string;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}): WatcherProcess {
  const log = options.log ?? ((line: string) => console.log(line));
  // node itself with tsx as a loader (no wrapper process): a signal reaches the watcher directly.
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "src/services/gds-watcher/main.ts")],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        GDS_WATCHER_RPC_URL: options.rpcUrl,
        ...(options.recordFile ? { DEPLOYMENT_FILE: options.recordFile } : {}),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      readline
        .createInterface({ input: stream })
        .on("line", (line) => log(`\x1b[35m[watcher]\x1b[0m ${line}`));
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    pid: child.pid!,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
