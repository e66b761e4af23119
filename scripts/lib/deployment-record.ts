// Writing a chain's deployment record (deploy, upgrade); every reader goes through
// src/services/shared/deployment-file.ts, which checks it.
import fs from "node:fs";
import path from "node:path";
import type { DeploymentRecord } from "../../src/protocol/deploymentRecord.ts";

export type { DeploymentRecord } from "../../src/protocol/deploymentRecord.ts";
export { readDeploymentRecord } from "../../src/services/shared/deployment-file.ts";

export function writeDeploymentRecord(file: string, record: DeploymentRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(record, null, 2) + "\n");
}
