// Runs a command to completion, streaming or capturing its output.
import { spawn } from "node:child_process";
import { repoRoot } from "./paths.ts";

export interface RunResult {
  code: number;
  output: string;
  durationMs: number;
}

export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; echo?: boolean; cwd?: string } = {},
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      if (options.echo) stream.write(chunk);
    };
    child.stdout.on("data", collect(process.stdout));
    child.stderr.on("data", collect(process.stderr));
    child.once("error", reject);
    child.once("close", (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), output, durationMs: Date.now() - started }),
    );
  });
}
