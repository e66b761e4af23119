// Reading a chain's deployment record from disk, for the services and the tools (the check itself is
// the protocol's: src/protocol/deploymentRecord.ts).
import fs from "node:fs";
import { type DeploymentRecord, parseDeploymentRecord } from "../../protocol/deploymentRecord.ts";

/** The record in `file`, or undefined when there is no such file; a malformed one throws. */
export function readDeploymentRecord(file: string): DeploymentRecord | undefined {
  if (!fs.existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseDeploymentRecord(json, file);
}
