// Upgrades the JobMarket proxy to a newly compiled implementation, after checking offline (with
// @openzeppelin/upgrades-core) that the new code is upgrade-safe and that its storage layout is
// compatible with the one recorded for the deployed implementation.
// Usage: npm run upgrade -- [--rpc URL] [--record FILE] [--contract NAME] [--call FN] [--arbiter ADDR] [--check-only]
//   --contract  the new implementation (default JobMarket: the current source)
//   --call      a no-argument function to run in the upgrade transaction (e.g. initializeNext)
//   --arbiter   taking a release-1 market to release 2: who gets ARBITER_ROLE (docs/rules.md §11.7;
//               default the record's admin, as a fresh release-2 initialize does); without --call, such
//               an upgrade runs initializeRelease2(arbiter) in the same transaction
// Signer: UPGRADER_PRIVATE_KEY if set, else the record's admin when the node has it unlocked (anvil).
import {
  type Address,
  encodeFunctionData,
  getAddress,
  type Hex,
  hexToBigInt,
  parseAbi,
  sliceHex,
} from "viem";
import { fullyQualifiedName, loadAllArtifacts, linkBytecode, requireArtifact } from "./lib/artifacts.ts";
import { connect, deployCode, write } from "./lib/chain.ts";
import { isMain, parseFlags } from "./lib/cli.ts";
import { readDeploymentRecord, writeDeploymentRecord } from "./lib/deployment-record.ts";
import { deploymentFileOf } from "./lib/paths.ts";
import { analyzeImplementation, assertLayoutCompatible } from "./lib/storage-layout.ts";
import type { StorageLayout } from "@openzeppelin/upgrades-core";
import { deployLibraries } from "./deploy.ts";

/** ERC-1967's implementation slot: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1). */
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

const uupsAbi = parseAbi([
  "function upgradeToAndCall(address newImplementation, bytes data) payable",
  "function version() view returns (string)",
]);

export interface UpgradeOptions {
  rpcUrl: string;
  recordFile?: string;
  /** Artifact name of the new implementation (default "JobMarket"). */
  contract?: string;
  /** A function without arguments to call through the proxy in the upgrade transaction. */
  call?: string;
  /** Release 1 → 2 (no `call` given): the account initializeRelease2 grants ARBITER_ROLE (default the admin). */
  arbiter?: Address;
  /** Validate only; send nothing. */
  checkOnly?: boolean;
  log?: (line: string) => void;
}

export interface UpgradeResult {
  implementation: Address | null;
  version: string | null;
}

export async function upgradeMarket(options: UpgradeOptions): Promise<UpgradeResult> {
  const log = options.log ?? console.log;
  const ctx = await connect(options.rpcUrl);
  const recordFile = deploymentFileOf(ctx.chain.id, options.recordFile);
  const record = readDeploymentRecord(recordFile);
  if (!record) throw new Error(`No deployment record at ${recordFile}`);
  const code = await ctx.publicClient.getCode({ address: record.jobMarket });
  if (!code || code === "0x")
    throw new Error(`The recorded JobMarket ${record.jobMarket} has no code on this chain`);

  const all = loadAllArtifacts();
  const artifact = requireArtifact(options.contract ?? "JobMarket", all);
  log(
    `Checking ${fullyQualifiedName(artifact)} against the deployed implementation ${record.implementation}`,
  );
  const safety = analyzeImplementation(artifact);
  if (safety.errors.length)
    throw new Error(`${artifact.contractName} is not upgrade-safe:\n${safety.errors.join("\n")}`);
  assertLayoutCompatible(record.storageLayout as StorageLayout, safety.layout);
  log("  upgrade-safe; storage layout compatible");
  if (options.checkOnly) return { implementation: null, version: null };

  const signer: Address | Hex = (process.env.UPGRADER_PRIVATE_KEY as Hex | undefined) ?? record.admin;
  const libraries = await deployLibraries(ctx, signer, [artifact], log);
  const implementation = await deployCode(
    ctx,
    ctx.wallet(signer),
    linkBytecode(artifact, libraries),
    artifact.contractName,
  );
  log(`  new implementation ${implementation.address}`);

  const data = upgradeCallData(artifact.abi, record.version, {
    ...options,
    arbiter: options.arbiter ?? record.admin,
  });
  const receipt = await write(ctx, ctx.wallet(signer), {
    address: record.jobMarket,
    abi: uupsAbi,
    functionName: "upgradeToAndCall",
    args: [implementation.address, data],
  });

  const slot = await ctx.publicClient.getStorageAt({ address: record.jobMarket, slot: IMPLEMENTATION_SLOT });
  const active = getAddress(sliceHex(slot ?? "0x", 12));
  if (hexToBigInt(slot ?? "0x0") === 0n || active !== implementation.address) {
    throw new Error(`The proxy points at ${active}, not the new implementation ${implementation.address}`);
  }
  const version = await ctx.publicClient.readContract({
    address: record.jobMarket,
    abi: uupsAbi,
    functionName: "version",
  });
  writeDeploymentRecord(recordFile, {
    ...record,
    implementation: implementation.address,
    libraries,
    version,
    storageLayout: safety.layout,
    upgrades: [
      ...record.upgrades,
      {
        implementation: implementation.address,
        block: receipt.blockNumber.toString(),
        at: new Date().toISOString(),
      },
    ],
  });
  log(`Upgraded JobMarket ${record.jobMarket} to ${implementation.address} (v${version}); record updated`);
  return { implementation: implementation.address, version };
}

/**
 * What runs in the upgrade transaction: the function asked for, or, taking a release-1 market to an
 * implementation that has initializeRelease2, that (release 2's parameters and holdings total).
 */
function upgradeCallData(abi: readonly unknown[], deployedVersion: string, options: UpgradeOptions): Hex {
  if (options.call) return encodeFunctionData({ abi, functionName: options.call, args: [] } as never);
  const fromRelease1 = deployedVersion.startsWith("1.");
  const hasRelease2Init = abi.some((item) => (item as { name?: string }).name === "initializeRelease2");
  if (!fromRelease1 || !hasRelease2Init) return "0x";
  return encodeFunctionData({ abi, functionName: "initializeRelease2", args: [options.arbiter] } as never);
}

if (isMain(import.meta.url)) {
  const { flags, values } = parseFlags(process.argv.slice(2));
  upgradeMarket({
    rpcUrl: values.get("rpc") ?? process.env.RPC_URL ?? "http://127.0.0.1:8545",
    recordFile: values.get("record") ?? process.env.DEPLOYMENT_FILE,
    contract: values.get("contract"),
    call: values.get("call"),
    arbiter: values.get("arbiter") as Address | undefined,
    checkOnly: flags.has("check-only"),
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
