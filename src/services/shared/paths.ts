// Where the services find what the tools wrote, resolved from the repository root so that any
// working directory will do.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const dataDir = path.join(repoRoot, ".data");
export const deploymentsDir = path.join(dataDir, "deployments");

/** The deployment record of a chain, where the deploy script writes it by default. */
export function defaultDeploymentFile(chainId: number): string {
  return path.join(deploymentsDir, `${chainId}.json`);
}

/** The record file to use: `given` (DEPLOYMENT_FILE, VITE_DEPLOYMENT, --record; from the repository root) or the default. */
export function deploymentFileOf(chainId: number, given: string | undefined): string {
  return given ? path.resolve(repoRoot, given) : defaultDeploymentFile(chainId);
}
