// Deploys the JobMarket behind an ERC1967 (UUPS) proxy, idempotently, and writes the deployment
// record of the chain. Usage: npm run deploy -- [--rpc URL] [--record FILE] [--admin ADDRESS] [--force]
// Deployer: DEPLOYER_PRIVATE_KEY if set, else the node's first unlocked account (anvil's account 0).
import fs from "node:fs";
import path from "node:path";
import {
  type Abi,
  type Address,
  encodeDeployData,
  encodeFunctionData,
  getAddress,
  type Hex,
  zeroAddress,
} from "viem";
import {
  type Artifact,
  erc1967ProxyArtifact,
  findArtifact,
  fullyQualifiedName,
  librariesInDeployOrder,
  linkBytecode,
  loadAllArtifacts,
  requireArtifact,
} from "./lib/artifacts.ts";
import { type ChainContext, connect, deployCode } from "./lib/chain.ts";
import { isMain, parseFlags } from "./lib/cli.ts";
import {
  type DeploymentRecord,
  readDeploymentRecord,
  writeDeploymentRecord,
} from "./lib/deployment-record.ts";
import { artifactsDir, deploymentFileOf, repoRoot } from "./lib/paths.ts";
import { analyzeImplementation } from "./lib/storage-layout.ts";

export interface DeployOptions {
  rpcUrl: string;
  /** Default: .data/deployments/<chainId>.json */
  recordFile?: string;
  admin?: Address;
  /** The payment asset: an ERC-20 token, or the native coin when omitted (docs/rules.md §12). */
  asset?: Address;
  /** Deploy even when the recorded proxy has code. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface DeployResult {
  record: DeploymentRecord;
  recordFile: string;
  /** False when the recorded deployment was already on the chain. */
  deployedNow: boolean;
}

/** The hardhat-compiled ERC1967Proxy when the project compiles one, else the one OpenZeppelin ships. */
function proxyArtifact(): Artifact {
  const compiled = path.join(
    artifactsDir,
    "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol/ERC1967Proxy.json",
  );
  return fs.existsSync(compiled)
    ? (JSON.parse(fs.readFileSync(compiled, "utf8")) as Artifact)
    : erc1967ProxyArtifact();
}

export async function deployerAddress(ctx: ChainContext): Promise<Address | Hex> {
  const key = process.env.DEPLOYER_PRIVATE_KEY;
  if (key) return key as Hex;
  const [first] = await ctx.nodeAccounts();
  if (!first) throw new Error("The node has no unlocked account: set DEPLOYER_PRIVATE_KEY");
  return getAddress(first);
}

/** Deploys every library `artifacts` link (dependencies first); returns their addresses by name. */
export async function deployLibraries(
  ctx: ChainContext,
  deployer: Address | Hex,
  artifacts: Artifact[],
  log: (line: string) => void,
): Promise<Record<string, Address>> {
  const all = loadAllArtifacts();
  const libraries: Record<string, Address> = {};
  for (const lib of librariesInDeployOrder(artifacts, all)) {
    const { address } = await deployCode(
      ctx,
      ctx.wallet(deployer),
      linkBytecode(lib, libraries),
      lib.contractName,
    );
    libraries[fullyQualifiedName(lib)] = address;
    log(`  library ${lib.contractName.padEnd(20)} ${address}`);
  }
  return libraries;
}

/** Constructor arguments for the lens: the market's address wherever it asks for an address. */
function lensConstructorArgs(lens: Artifact, market: Address): Address[] {
  const constructor = lens.abi.find((item) => item.type === "constructor");
  const inputs = constructor && "inputs" in constructor ? constructor.inputs : [];
  return inputs.map((input) => {
    if (input.type !== "address")
      throw new Error(`JobMarketLens constructor takes ${input.type}; only an address is supported`);
    return market;
  });
}

/**
 * A market deployed before the lens existed (or whose lens is gone) gets one, so that a persisted
 * local chain keeps up with the contracts without a reset.
 */
async function deployMissingLens(
  ctx: ChainContext,
  record: DeploymentRecord,
  log: (line: string) => void,
): Promise<DeploymentRecord> {
  const lens = findArtifact("JobMarketLens");
  if (!lens) return record;
  if (record.jobMarketLens) {
    const code = await ctx.publicClient.getCode({ address: record.jobMarketLens });
    if (code && code !== "0x") return record;
  }
  const deployer = await deployerAddress(ctx);
  const libraries = await deployLibraries(ctx, deployer, [lens], log);
  const lensCode = encodeDeployData({
    abi: lens.abi as Abi,
    bytecode: linkBytecode(lens, libraries),
    args: lensConstructorArgs(lens, record.jobMarket),
  } as never);
  const { address } = await deployCode(ctx, ctx.wallet(deployer), lensCode, "JobMarketLens");
  log(`  lens (was missing)         ${address}`);
  return { ...record, jobMarketLens: address, libraries: { ...libraries, ...record.libraries } };
}

export async function deployMarket(options: DeployOptions): Promise<DeployResult> {
  const log = options.log ?? console.log;
  const ctx = await connect(options.rpcUrl);
  const chainId = ctx.chain.id;
  const recordFile = deploymentFileOf(chainId, options.recordFile);
  const existing = readDeploymentRecord(recordFile);
  if (existing && existing.chainId === chainId && !options.force) {
    const code = await ctx.publicClient.getCode({ address: existing.jobMarket });
    if (code && code !== "0x") {
      log(`JobMarket already deployed at ${existing.jobMarket} (chain ${chainId})`);
      const record = await deployMissingLens(ctx, existing, log);
      if (record !== existing) writeDeploymentRecord(recordFile, record);
      return { record, recordFile, deployedNow: false };
    }
    log(`The recorded JobMarket ${existing.jobMarket} has no code on chain ${chainId}: deploying afresh`);
  }

  const all = loadAllArtifacts();
  const market = requireArtifact("JobMarket", all);
  const lens = findArtifact("JobMarketLens", all);
  const deployer = await deployerAddress(ctx);
  const deployerAccount = ctx.wallet(deployer).account!.address;
  const admin = options.admin ?? deployerAccount;
  log(`Deploying JobMarket to chain ${chainId} (${options.rpcUrl}) from ${deployerAccount}, admin ${admin}`);

  // Layout first: a contract that is not upgrade-safe must not reach any chain.
  const safety = analyzeImplementation(market);
  if (safety.errors.length) throw new Error(`JobMarket is not upgrade-safe:\n${safety.errors.join("\n")}`);

  const libraries = await deployLibraries(ctx, deployer, lens ? [market, lens] : [market], log);
  const implementation = await deployCode(
    ctx,
    ctx.wallet(deployer),
    linkBytecode(market, libraries),
    "JobMarket",
  );
  log(`  implementation             ${implementation.address}`);

  const proxy = proxyArtifact();
  const initData = encodeFunctionData({
    abi: market.abi,
    functionName: "initialize",
    args: [admin, options.asset ?? zeroAddress],
  });
  const proxyCode = encodeDeployData({
    abi: proxy.abi,
    bytecode: proxy.bytecode,
    args: [implementation.address, initData],
  });
  const deployedProxy = await deployCode(ctx, ctx.wallet(deployer), proxyCode, "ERC1967Proxy");
  log(`  proxy (JobMarket)          ${deployedProxy.address}`);

  let lensAddress: Address | null = null;
  if (lens) {
    const lensCode = encodeDeployData({
      abi: lens.abi as Abi,
      bytecode: linkBytecode(lens, libraries),
      args: lensConstructorArgs(lens, deployedProxy.address),
    } as never);
    lensAddress = (await deployCode(ctx, ctx.wallet(deployer), lensCode, "JobMarketLens")).address;
    log(`  lens                       ${lensAddress}`);
  } else {
    log("  lens                       (JobMarketLens is not compiled: skipped)");
  }

  const version = (await ctx.publicClient.readContract({
    address: deployedProxy.address,
    abi: market.abi,
    functionName: "version",
  })) as string;
  const record: DeploymentRecord = {
    chainId,
    jobMarket: deployedProxy.address,
    implementation: implementation.address,
    jobMarketLens: lensAddress,
    libraries,
    deployBlock: deployedProxy.receipt.blockNumber.toString(),
    deployer: deployerAccount,
    admin,
    version,
    deployedAt: new Date().toISOString(),
    storageLayout: safety.layout,
    upgrades: [],
  };
  writeDeploymentRecord(recordFile, record);
  log(
    `Deployment record: ${path.relative(repoRoot, recordFile)} (JobMarket v${version}, block ${record.deployBlock})`,
  );
  return { record, recordFile, deployedNow: true };
}

if (isMain(import.meta.url)) {
  const { flags, values } = parseFlags(process.argv.slice(2));
  deployMarket({
    rpcUrl: values.get("rpc") ?? process.env.RPC_URL ?? "http://127.0.0.1:8545",
    recordFile: values.get("record") ?? process.env.DEPLOYMENT_FILE,
    admin: values.has("admin") ? getAddress(values.get("admin")!) : undefined,
    force: flags.has("force"),
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
