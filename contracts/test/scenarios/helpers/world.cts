// The world every scenario starts from: a JobMarket behind an ERC-1967 proxy, an admin, a GDS, a QC,
// a stranger, ten registered DOs and six registered MPCs, each with a stake far above any collateral.
import hre from "hardhat";
import type { Address } from "viem";
import { deployMarketContracts } from "../../helpers/deploy.cjs";
import type { WalletClient } from "@nomicfoundation/hardhat-viem/types";

export type Wallet = WalletClient;

const marketAt = (address: Address) => hre.viem.getContractAt("IJobMarket", address);
export type Market = Awaited<ReturnType<typeof marketAt>>;

export const NODE_STAKE = 1_000_000n;
export const ROLE = { DO: 1, MPC: 2 } as const;

export interface World {
  market: Market;
  admin: Wallet;
  gds: Wallet;
  qc: Wallet;
  stranger: Wallet;
  dos: Wallet[];
  mpcs: Wallet[];
  implementation: Address;
}

/** Deploys the libraries, the implementation and an ERC1967Proxy initialised with `initialize(admin)`. */
export async function deployMarket(admin: Wallet): Promise<{ proxy: Address; implementation: Address }> {
  const { market, implementation } = await deployMarketContracts(admin.account.address);
  return { proxy: market.address, implementation: implementation.address };
}

/** The proxy seen through the implementation's ABI, for roles, pausing and upgrades. */
export async function fullMarket(address: Address) {
  return hre.viem.getContractAt("JobMarket", address);
}

export async function grantGds(proxy: Address, admin: Wallet, gds: Address): Promise<void> {
  const full = await fullMarket(proxy);
  await full.write.grantRole([await full.read.GDS_ROLE(), gds], { account: admin.account });
}

/** The standard world; use it through loadFixture so each test starts from a snapshot. */
export async function worldFixture(): Promise<World> {
  const wallets = await hre.viem.getWalletClients();
  const [admin, gds, qc, stranger] = wallets;
  const dos = wallets.slice(4, 14);
  const mpcs = wallets.slice(14, 20);
  const { proxy, implementation } = await deployMarket(admin);
  await grantGds(proxy, admin, gds.account.address);
  const market = await marketAt(proxy);
  for (const d of dos) await market.write.registerNode([ROLE.DO], { account: d.account, value: NODE_STAKE });
  for (const m of mpcs)
    await market.write.registerNode([ROLE.MPC], { account: m.account, value: NODE_STAKE });
  return { market, admin, gds, qc, stranger, dos, mpcs, implementation };
}
