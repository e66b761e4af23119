// Where things live on disk, resolved from the repository root so every script works from any cwd.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const artifactsDir = path.join(repoRoot, "contracts/artifacts");
export const dataDir = path.join(repoRoot, ".data");
export const anvilStateDir = path.join(dataDir, "anvil");
export const deploymentsDir = path.join(dataDir, "deployments");
export const generatedDir = path.join(repoRoot, "src/protocol/generated");
export const binDir = path.join(repoRoot, "node_modules/.bin");

/** The deployment record of a chain, unless a path is given (VITE_DEPLOYMENT / --record). */
export function defaultDeploymentFile(chainId: number): string {
  return path.join(deploymentsDir, `${chainId}.json`);
}
