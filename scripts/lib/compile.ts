// Compiles the contracts with the project's Hardhat setup (offline solc, its own tsconfig); throws
// with the compiler's output when it fails.
import path from "node:path";
import { binDir } from "./paths.ts";
import { run } from "./run.ts";

export async function compileContracts({ quiet = false } = {}): Promise<void> {
  const args = [
    "--config",
    "contracts/hardhat.config.cts",
    "--tsconfig",
    "contracts/tsconfig.json",
    "compile",
  ];
  const compile = await run(path.join(binDir, "hardhat"), quiet ? [...args, "--quiet"] : args);
  if (compile.code !== 0) throw new Error(`Contract compilation failed:\n${compile.output}`);
}
