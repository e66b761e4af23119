// Where things live on disk, resolved from the repository root so every script works from any cwd.
// The deployment records' place is the services' too: src/services/shared/paths.ts says it once.
import path from "node:path";
import { dataDir, repoRoot } from "../../src/services/shared/paths.ts";

export {
  dataDir,
  defaultDeploymentFile,
  deploymentFileOf,
  deploymentsDir,
  repoRoot,
} from "../../src/services/shared/paths.ts";
export const artifactsDir = path.join(repoRoot, "contracts/artifacts");
export const anvilStateDir = path.join(dataDir, "anvil");
export const generatedDir = path.join(repoRoot, "src/protocol/generated");
export const binDir = path.join(repoRoot, "node_modules/.bin");
