// Deploys the JobMarket behind an ERC1967 (UUPS) proxy, idempotently, and writes the deployment
// record of the chain. Usage: npm run deploy -- [--rpc URL] [--record FILE] [--admin ADDRESS] [--force]
//   [--asset 0xTOKEN | --demo-token]
// The payment asset (docs/rules.md §12): --asset takes an existing ERC-20 token (e.g. a chain's USDC);
// --demo-token deploys the demo stablecoin (contracts/src/demo/DemoStablecoin.sol, 6 decimals, EIP-2612)
// and mints 10,000 of it to each of the local chain's dev accounts; neither means the native coin.
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
  parseUnits,
  zeroAddress,
} from "viem";
import { describeAsset, type PaymentAsset } from "../src/protocol/asset.ts";
import { DEMO_TOKENS_PER_ACCOUNT, devAccounts } from "../src/protocol/devAccounts.ts";
import { readPaymentAsset, readTokenAsset } from "../src/protocol/readAsset.ts";
import { demoTokenAbi } from "../src/protocol/tokenAbi.ts";
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
import { type ChainContext, connect, deployCode, write } from "./lib/chain.ts";
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
  /** The payment asset: an existing ERC-20 token, or the native coin when omitted (docs/rules.md §12). */
  asset?: Address;
  /** Deploy the demo stablecoin as the asset and mint DEMO_TOKENS_PER_ACCOUNT of it to every dev account. */
  demoToken?: boolean;
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

/**
 * Deploys a demo token (contracts/src/demo: DemoStablecoin with permits, or DemoTether without) and mints
 * DEMO_TOKENS_PER_ACCOUNT of it to each dev account; returns its address.
 */
export async function deployDemoToken(
  ctx: ChainContext,
  deployer: Address | Hex,
  log: (line: string) => void,
  contract: "DemoStablecoin" | "DemoTether" = "DemoStablecoin",
): Promise<Address> {
  const token = requireArtifact(contract);
  const { address } = await deployCode(ctx, ctx.wallet(deployer), token.bytecode, "DemoStablecoin");
  const asset = await readTokenAsset(ctx.publicClient, address, ctx.chain.id);
  const amount = parseUnits(DEMO_TOKENS_PER_ACCOUNT, asset.decimals);
  for (const account of devAccounts)
    await write(ctx, ctx.wallet(deployer), {
      address,
      abi: demoTokenAbi,
      functionName: "mint",
      args: [account.address, amount],
    });
  log(
    `  demo token                 ${address} (${asset.symbol}, ${DEMO_TOKENS_PER_ACCOUNT} to each of ${devAccounts.length} dev accounts)`,
  );
  return address;
}

/** The token the market will take, checked before anything is deployed: a wrong address fails here, in words. */
async function checkedAsset(ctx: ChainContext, token: Address): Promise<PaymentAsset> {
  const code = await ctx.publicClient.getCode({ address: token });
  if (!code || code === "0x")
    throw new Error(`--asset ${token} has no contract code on chain ${ctx.chain.id}`);
  const asset = await readTokenAsset(ctx.publicClient, token, ctx.chain.id).catch((error: unknown) => {
    throw new Error(`--asset ${token} is not an ERC-20 token (decimals() does not answer): ${String(error)}`);
  });
  if (asset.decimals < 2 || asset.decimals > 18)
    throw new Error(
      `--asset ${token} has ${asset.decimals} decimals; the market takes 2 to 18 (docs/rules.md §12)`,
    );
  return asset;
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
      let record = await deployMissingLens(ctx, existing, log);
      // A record from before the asset was recorded (or hand-edited) learns it from the chain.
      const asset = await readPaymentAsset(ctx.publicClient, existing.jobMarket, chainId);
      if (JSON.stringify(asset) !== JSON.stringify(record.asset)) record = { ...record, asset };
      if (record !== existing) writeDeploymentRecord(recordFile, record);
      log(`  payment asset              ${describeAsset(record.asset)}`);
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

  if (options.asset && options.demoToken) throw new Error("Give --asset or --demo-token, not both");
  const assetAddress = options.demoToken
    ? await deployDemoToken(ctx, deployer, log)
    : options.asset
      ? (await checkedAsset(ctx, options.asset)).address
      : zeroAddress;

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
    args: [admin, assetAddress],
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
  const asset = await readPaymentAsset(ctx.publicClient, deployedProxy.address, chainId);
  if (asset.address !== assetAddress)
    throw new Error(`The market took ${asset.address}, not ${assetAddress}`);
  log(`  payment asset              ${describeAsset(asset)}`);
  const record: DeploymentRecord = {
    chainId,
    jobMarket: deployedProxy.address,
    implementation: implementation.address,
    jobMarketLens: lensAddress,
    asset,
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
    asset: values.has("asset") ? getAddress(values.get("asset")!) : undefined,
    demoToken: flags.has("demo-token"),
    force: flags.has("force"),
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
