/**
 * Test fixture: the JobMarket behind an ERC1967Proxy, with named wallets and registered nodes.
 *
 * Exports (use with `loadFixture` from @nomicfoundation/hardhat-network-helpers):
 *   deployMarket(): Promise<MarketFixture>      the fixture function — `const f = await loadFixture(deployMarket)`
 *   deployMarketContracts(admin): Promise<{ market, implementation, libraries }>   proxy + implementation only
 *   deployLibraries(): Promise<LibraryAddresses>  the four external logic libraries
 *   linkedLibraries(libs): Record<string, Address> the `libraries` option for deployContract("JobMarket")
 *   marketAs(market, wallet)                      the same proxy, sending from `wallet`
 *   ROLE_DO = 1, ROLE_MPC = 2, NODE_STAKE (100 ETH per node), GDS_ROLE, UPGRADER_ROLE, PAUSER_ROLE
 *   type MarketFixture, type Market, type Wallet
 *
 * MarketFixture = { market, implementation, libraries, publicClient, admin, gds, qcs[2], dos[8], mpcs[5],
 *   outsiders[3] } — admin holds every role (and GDS_ROLE); gds holds GDS_ROLE only; every DO (role 1)
 *   and MPC (role 2) is registered with NODE_STAKE free stake. Hardhat's 20 default accounts are used:
 *   0 admin, 1 gds, 2-3 qcs, 4-11 dos, 12-16 mpcs, 17-19 outsiders.
 *
 * Deploying the JobMarket needs its external libraries linked: OrderLogic, ProgressLogic, SettlementLogic,
 * ViewLogic (each deployed once, plain `deployContract(name)`), then
 * `deployContract("JobMarket", [], { libraries: { OrderLogic: a, ProgressLogic: b, SettlementLogic: c, ViewLogic: d } })`.
 */
import hre from "hardhat";
import { encodeFunctionData, keccak256, parseEther, toHex, type Address } from "viem";

export const ROLE_DO = 1;
export const ROLE_MPC = 2;
export const NODE_STAKE = parseEther("100");
export const GDS_ROLE = keccak256(toHex("GDS_ROLE"));
export const UPGRADER_ROLE = keccak256(toHex("UPGRADER_ROLE"));
export const PAUSER_ROLE = keccak256(toHex("PAUSER_ROLE"));

export type Market = Awaited<ReturnType<typeof hre.viem.getContractAt<"JobMarket">>>;
export type Wallet = Awaited<ReturnType<typeof hre.viem.getWalletClients>>[number];

export interface LibraryAddresses {
  orderLogic: Address;
  progressLogic: Address;
  settlementLogic: Address;
  viewLogic: Address;
}

export async function deployLibraries(): Promise<LibraryAddresses> {
  const [orderLogic, progressLogic, settlementLogic, viewLogic] = await Promise.all([
    hre.viem.deployContract("OrderLogic"),
    hre.viem.deployContract("ProgressLogic"),
    hre.viem.deployContract("SettlementLogic"),
    hre.viem.deployContract("ViewLogic"),
  ]);
  return {
    orderLogic: orderLogic.address,
    progressLogic: progressLogic.address,
    settlementLogic: settlementLogic.address,
    viewLogic: viewLogic.address,
  };
}

export function linkedLibraries(libs: LibraryAddresses): Record<string, Address> {
  return {
    OrderLogic: libs.orderLogic,
    ProgressLogic: libs.progressLogic,
    SettlementLogic: libs.settlementLogic,
    ViewLogic: libs.viewLogic,
  };
}

/** Deploys the libraries, the implementation and the proxy with `initialize(admin)`. */
export async function deployMarketContracts(admin: Address) {
  const libraries = await deployLibraries();
  const implementation = await hre.viem.deployContract("JobMarket", [], {
    libraries: linkedLibraries(libraries),
  });
  const initData = encodeFunctionData({
    abi: implementation.abi,
    functionName: "initialize",
    args: [admin],
  });
  const proxy = await hre.viem.deployContract("ERC1967Proxy", [implementation.address, initData]);
  const market = await hre.viem.getContractAt("JobMarket", proxy.address);
  return { market, implementation, libraries };
}

/** The market at the same address, sending its writes from `wallet`. */
export function marketAs(market: Market, wallet: Wallet): Promise<Market> {
  return hre.viem.getContractAt("JobMarket", market.address, { client: { wallet } });
}

export async function deployMarket() {
  const publicClient = await hre.viem.getPublicClient();
  const wallets = await hre.viem.getWalletClients();
  const [admin, gds] = wallets;
  const qcs = wallets.slice(2, 4);
  const dos = wallets.slice(4, 12);
  const mpcs = wallets.slice(12, 17);
  const outsiders = wallets.slice(17, 20);

  const { market, implementation, libraries } = await deployMarketContracts(admin.account.address);
  await market.write.grantRole([GDS_ROLE, gds.account.address], { account: admin.account });
  for (const node of dos) {
    await market.write.registerNode([ROLE_DO], { account: node.account, value: NODE_STAKE });
  }
  for (const node of mpcs) {
    await market.write.registerNode([ROLE_MPC], { account: node.account, value: NODE_STAKE });
  }
  return { market, implementation, libraries, publicClient, admin, gds, qcs, dos, mpcs, outsiders };
}

export type MarketFixture = Awaited<ReturnType<typeof deployMarket>>;
