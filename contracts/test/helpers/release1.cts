// Release 1 of the JobMarket, frozen: its compiled artifacts (test/fixtures/release1/artifacts.json, built
// from contracts/src at commit 4a9eba7) deployed behind a proxy, for the tests that show what release 1
// let an attacker do and for the upgrade from release 1 to release 2. The release-1 ABI is untyped here
// (it is JSON): calls name their arguments as release 1 took them.
import hre from "hardhat";
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeErrorResult, encodeFunctionData, type Abi, type Address, type Hex } from "viem";
import { errorText } from "./chain.cjs";
import { GDS_ROLE, type Wallet } from "./world.cjs";

interface FrozenArtifact {
  abi: Abi;
  bytecode: Hex;
  linkReferences: Record<string, Record<string, { start: number; length: number }[]>>;
}

interface Frozen {
  commit: string;
  contracts: Record<
    "JobMarket" | "OrderLogic" | "ProgressLogic" | "SettlementLogic" | "ViewLogic",
    FrozenArtifact
  >;
}

const FIXTURE = path.join(__dirname, "..", "fixtures", "release1");

/** The frozen artifacts of release 1. */
export const release1: Frozen = JSON.parse(readFileSync(path.join(FIXTURE, "artifacts.json"), "utf8"));

/** The folder holding release 1's (trimmed, gzipped) build-info, for the storage layout validator. */
export const RELEASE1_BUILD_INFO = path.join(FIXTURE, "build-info.json.gz");

async function deployRaw(abi: Abi, bytecode: Hex, args: unknown[] = []): Promise<Address> {
  const [deployer] = await hre.viem.getWalletClients();
  const client = await hre.viem.getPublicClient();
  const hash = await deployer.deployContract({ abi, bytecode, args });
  const receipt = await client.waitForTransactionReceipt({ hash });
  return receipt.contractAddress!;
}

/** Fills the `__$…$__` library placeholders of `artifact` with the deployed libraries. */
function link(artifact: FrozenArtifact, libraries: Record<string, Address>): Hex {
  let code = artifact.bytecode.slice(2);
  for (const byLibrary of Object.values(artifact.linkReferences)) {
    for (const [name, spots] of Object.entries(byLibrary)) {
      for (const { start, length } of spots) {
        const at = start * 2;
        code = code.slice(0, at) + libraries[name].slice(2).toLowerCase() + code.slice(at + length * 2);
      }
    }
  }
  return `0x${code}`;
}

/** A release-1 JobMarket behind an ERC1967Proxy with `initialize(admin)`, `gds` holding GDS_ROLE. */
export async function deployRelease1(admin: Wallet, gds: Wallet) {
  const c = release1.contracts;
  const libraries: Record<string, Address> = {};
  for (const name of ["OrderLogic", "ProgressLogic", "SettlementLogic", "ViewLogic"] as const) {
    libraries[name] = await deployRaw(c[name].abi, c[name].bytecode);
  }
  const implementation = await deployRaw(c.JobMarket.abi, link(c.JobMarket, libraries));
  const init = encodeFunctionData({
    abi: c.JobMarket.abi,
    functionName: "initialize",
    args: [admin.account.address],
  });
  const proxy = await hre.viem.deployContract("ERC1967Proxy", [implementation, init]);
  const market: Release1Market = { address: proxy.address };
  await release1Write(market, admin, "grantRole", [GDS_ROLE, gds.account.address]);
  return { market, implementation };
}

/** A release-1 market: its proxy's address (every call goes through release1Write / release1Read). */
export interface Release1Market {
  address: Address;
}

/** A write to the release-1 market from `from` (untyped ABI: the function and its release-1 arguments). */
export async function release1Write(
  market: Release1Market,
  from: Wallet,
  functionName: string,
  args: unknown[],
  value = 0n,
) {
  const client = await hre.viem.getPublicClient();
  const abi = release1.contracts.JobMarket.abi;
  let hash: Hex;
  try {
    hash = await from.writeContract({
      address: market.address,
      abi,
      functionName,
      args,
      value,
      account: from.account,
      chain: from.chain,
    });
  } catch (error) {
    // Hardhat cannot name release 1's errors (its bytecode is not this build's): decode them here.
    const data = /return data: (0x[0-9a-f]+)/i.exec(errorText(error))?.[1] as Hex | undefined;
    if (!data) throw error;
    const { errorName, args: values } = decodeErrorResult({ abi, data });
    throw new Error(`release 1 reverted with ${errorName}(${(values ?? []).join(", ")})`, { cause: error });
  }
  return client.waitForTransactionReceipt({ hash });
}

/** A read of the release-1 market. */
export async function release1Read<T>(market: Release1Market, functionName: string, args: unknown[] = []) {
  const client = await hre.viem.getPublicClient();
  return (await client.readContract({
    address: market.address,
    abi: release1.contracts.JobMarket.abi,
    functionName,
    args,
  })) as T;
}

/**
 * Release 1 with the test world's accounts (./world.cts): 0 admin, 1 gds, 4 qc, 6 stranger, `dos` DOs from
 * 10 and `mpcs` MPCs from 20, each registered with `stake` through release 1's registerNode(role).
 */
export async function release1World(stake: bigint, dos = 10, mpcs = 6) {
  const wallets = await hre.viem.getWalletClients();
  const [admin, gds] = wallets;
  const { market } = await deployRelease1(admin, gds);
  const world = { market, wallets, admin, gds, qc: wallets[4], stranger: wallets[6] };
  const nodes = { dos: wallets.slice(10, 10 + dos), mpcs: wallets.slice(20, 20 + mpcs) };
  for (const d of nodes.dos) await release1Write(market, d, "registerNode", [1], stake);
  for (const m of nodes.mpcs) await release1Write(market, m, "registerNode", [2], stake);
  return { ...world, ...nodes };
}
