// Where the services find what the tools wrote, resolved from the repository root so that any
// working directory will do.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const dataDir = path.join(repoRoot, ".data");
export const deploymentsDir = path.join(dataDir, "deployments");

/** The deployment record of a chain, unless a path is given (DEPLOYMENT_FILE, VITE_DEPLOYMENT, --record). */
export function defaultDeploymentFile(chainId: number): string {
  return path.join(deploymentsDir, `${chainId}.json`);
}
