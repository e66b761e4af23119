// The deployment record: what the deploy script wrote for one chain, read back by start, seed,
// upgrade, the e2e setup and the app's build.
import fs from "node:fs";
import path from "node:path";
import type { Address } from "viem";

export interface DeploymentRecord {
  chainId: number;
  /** The ERC1967 proxy: the address users talk to. */
  jobMarket: Address;
  implementation: Address;
  jobMarketLens: Address | null;
  /** Linked external libraries by fully qualified name. */
  libraries: Record<string, Address>;
  /** Block of the proxy's deployment: where event scans start. Decimal string (JSON has no bigint). */
  deployBlock: string;
  deployer: Address;
  admin: Address;
  version: string;
  deployedAt: string;
  /** Storage layout of `implementation`, for the upgrade script's offline compatibility check. */
  storageLayout: unknown;
  upgrades: { implementation: Address; block: string; at: string }[];
}

export function readDeploymentRecord(file: string): DeploymentRecord | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")) as DeploymentRecord;
}

export function writeDeploymentRecord(file: string, record: DeploymentRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(record, null, 2) + "\n");
}
