// `npm start -- --agents`: runs scripts/demo-agents.ts (a node agent and a demo training loop for every
// demo DO and MPC) as one child process beside the local chain, its lines prefixed [agents].
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import { repoRoot } from "./paths.ts";

export interface DemoAgentsProcess {
  /** The bearer token of every demo agent's API. */
  token: string;
  /** The first agent's port (DO 1); the others follow in demo order. */
  firstPort: number;
  stop(): Promise<void>;
}

export function startDemoAgents(options: {
  rpcUrl: string;
  recordFile: string;
  firstPort?: number;
}): DemoAgentsProcess {
  const token = randomBytes(16).toString("hex");
  const firstPort = options.firstPort ?? 8547;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "scripts/demo-agents.ts")],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        FEDPAY_RPC_URL: options.rpcUrl,
        FEDPAY_DEPLOYMENT: options.recordFile,
        FEDPAY_AGENT_TOKEN: token,
        FEDPAY_AGENT_PORT: String(firstPort),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      readline
        .createInterface({ input: stream })
        .on("line", (line) => console.log(`\x1b[34m[agents]\x1b[0m ${line}`));
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    token,
    firstPort,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The summary's lines about the agents. */
export function demoAgentLines(agents: DemoAgentsProcess): string[] {
  return [
    `  Agents      a node agent per demo DO and MPC, from http://127.0.0.1:${agents.firstPort} on (DO 1, DO 2, …, MPC 3),`,
    `              each with a demo training loop; API token ${agents.token}`,
  ];
}
