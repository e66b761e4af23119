// The one fixture of the contract tests and the gas bench: a "world" — the JobMarket behind an
// ERC1967Proxy, named accounts, registered nodes with stake, and the money-in and liveness steps every
// test takes — plus `world.job()`, a builder for jobs (./jobs.cts).
//
//   const world = worldFixture();                     // module level: one snapshot per asset
//   forEachAsset((asset) => describe(`… · ${asset}`, () => {
//     it("…", async () => {
//       const w = await world(asset);                 // loadFixture: a fresh copy of the snapshot
//       const job = await w.job().dos(3, { price: 1000n }).mpcs(2, { price: 500n }).dispatched();
//     });
//   }));
//
// On the "erc20" asset the market takes DemoStablecoin (6 decimals, EIP-2612): every account holds 10^30 of
// its smallest unit and has approved the market; `w.unit` is 10^decimals of the asset.
//
// Accounts (Hardhat's 30 configured ones): 0 admin (every role), 1 gds and 2 gds2 (GDS_ROLE), 3 arbiter
// (ARBITER_ROLE), each GDS with a balance of `stake` deposited for judgement bonds, 4-5 qcs, 6-9 and 26-29 outsiders (not registered), 10-19 dos, 20-25 mpcs (each registered
// with `stake`).
import hre from "hardhat";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import {
  encodeFunctionData,
  keccak256,
  parseSignature,
  toHex,
  zeroAddress,
  type Address,
  type TransactionReceipt,
} from "viem";
import type { PublicClient, WalletClient } from "@nomicfoundation/hardhat-viem/types";
import { Role } from "../../../src/protocol/enums.ts";
import { receiptOf } from "./chain.cjs";
import { JobBuilder } from "./jobs.cjs";

export type Wallet = WalletClient;
/** The JobMarket at `address` (a proxy), through the current ABI. */
export const marketAt = (address: Address) => hre.viem.getContractAt("JobMarket", address);
export type Market = Awaited<ReturnType<typeof marketAt>>;
export type Parameters = Awaited<ReturnType<Market["read"]["parameters"]>>;
export type NodeTerms = Awaited<ReturnType<Market["read"]["termsOf"]>>;
export type TrustParameters = Awaited<ReturnType<Market["read"]["trustParameters"]>>;

export const GDS_ROLE = keccak256(toHex("GDS_ROLE"));
export const UPGRADER_ROLE = keccak256(toHex("UPGRADER_ROLE"));
export const PAUSER_ROLE = keccak256(toHex("PAUSER_ROLE"));
export const ARBITER_ROLE = keccak256(toHex("ARBITER_ROLE"));
/** No ceiling: the maxTotal / maxFine a test signs when the ceiling is not what it tests. */
export const NO_LIMIT = 2n ** 256n - 1n;

/** The payment assets the suite runs on: the native coin, and a 6-decimal EIP-2612 ERC-20 (DemoStablecoin). */
export const ASSETS = ["native", "erc20"] as const;
export type AssetName = (typeof ASSETS)[number];

const deployToken = () => hre.viem.deployContract("DemoStablecoin");
export type Token = Awaited<ReturnType<typeof deployToken>>;

/** Defines the same tests once per payment asset. */
export function forEachAsset(define: (asset: AssetName) => void): void {
  for (const asset of ASSETS) define(asset);
}

/** The market's external libraries, by the name its artifact links them. */
export const LIBRARIES = [
  "AccountLogic",
  "OrderLogic",
  "ProgressLogic",
  "SettlementLogic",
  "JudgementLogic",
  "ViewLogic",
] as const;
export type LibraryAddresses = Record<(typeof LIBRARIES)[number], Address>;

/** Deploys the market's external libraries (stateless; one set serves any number of implementations). */
export async function deployLibraries(): Promise<LibraryAddresses> {
  // (one name type for all: each is a library without constructor arguments)
  const deployed = await Promise.all(LIBRARIES.map((name) => hre.viem.deployContract(name as "ViewLogic")));
  return Object.fromEntries(LIBRARIES.map((name, i) => [name, deployed[i].address])) as LibraryAddresses;
}

/** Deploys a JobMarket implementation linked to `libraries` (deployed afresh when not given). */
export async function deployImplementation(libraries?: LibraryAddresses) {
  const libs = libraries ?? (await deployLibraries());
  const implementation = await hre.viem.deployContract("JobMarket", [], { libraries: { ...libs } });
  return { implementation, libraries: libs };
}

/** Deploys the libraries, the implementation and the proxy with `initialize(admin, asset)` (zero: native). */
export async function deployMarketContracts(admin: Address, asset: Address = zeroAddress) {
  const { implementation, libraries } = await deployImplementation();
  const initData = encodeFunctionData({
    abi: implementation.abi,
    functionName: "initialize",
    args: [admin, asset],
  });
  const proxy = await hre.viem.deployContract("ERC1967Proxy", [implementation.address, initData]);
  const market = await marketAt(proxy.address);
  return { market, implementation, libraries };
}

export interface WorldOptions {
  /** what every registered node stakes, in the asset's whole units (default 1,000,000 units) */
  stakeUnits?: bigint;
  /** the stake in the asset's smallest unit, instead of stakeUnits */
  stake?: bigint;
  /** parameter changes applied after initialize */
  parameters?: Partial<Parameters>;
  /** release-2 parameters set after initialize */
  trustParameters?: TrustParameters;
  /** how many of the 10 DOs and 6 MPCs are registered (default all) */
  registeredDos?: number;
  registeredMpcs?: number;
}

/** A deployed market with its accounts; every test starts from a snapshot of one (see worldFixture). */
export class World {
  readonly publicClient: PublicClient;
  readonly admin: Wallet;
  readonly gds: Wallet;
  /** a second GDS: it may not act on the jobs `gds` placed */
  readonly gds2: Wallet;
  readonly arbiter: Wallet;
  readonly qcs: Wallet[];
  readonly qc: Wallet;
  readonly outsiders: Wallet[];
  readonly stranger: Wallet;
  readonly dos: Wallet[];
  readonly mpcs: Wallet[];
  /** the market's parameters right after the fixture set it up */
  params!: Parameters;

  constructor(
    readonly asset: AssetName,
    readonly market: Market,
    readonly implementation: Address,
    readonly libraries: LibraryAddresses,
    wallets: Wallet[],
    publicClient: PublicClient,
    /** 10^decimals of the asset: one whole coin or token */
    readonly unit: bigint,
    /** what each registered node staked */
    readonly stake: bigint,
    /** the ERC-20 the market takes (none on the native coin) */
    readonly token?: Token,
  ) {
    this.publicClient = publicClient;
    [this.admin, this.gds, this.gds2, this.arbiter] = wallets;
    this.qcs = wallets.slice(4, 6);
    this.qc = this.qcs[0];
    this.outsiders = [...wallets.slice(6, 10), ...wallets.slice(26, 30)];
    this.stranger = this.outsiders[0];
    this.dos = wallets.slice(10, 20);
    this.mpcs = wallets.slice(20, 26);
  }

  /** Every named account of the world (each one that can hold money in the market). */
  get everyone(): Wallet[] {
    return [
      this.admin,
      this.gds,
      this.gds2,
      this.arbiter,
      ...this.qcs,
      ...this.outsiders,
      ...this.dos,
      ...this.mpcs,
    ];
  }

  /** The payment asset's address (zero: the native coin). */
  get assetAddress(): Address {
    return this.token?.address ?? zeroAddress;
  }

  /** The msg.value a money-in call of `amount` sends (the amount on the native coin, 0 on a token). */
  value(amount: bigint): bigint {
    return this.token ? 0n : amount;
  }

  /** registerNode(role, amount). */
  register(node: Wallet | Address, role: number, amount: bigint): Promise<TransactionReceipt> {
    const account = accountOf(node);
    return receiptOf(this.market.write.registerNode([role, amount], { account, value: this.value(amount) }));
  }

  /** deposit(amount). */
  deposit(who: Wallet | Address, amount: bigint): Promise<TransactionReceipt> {
    const account = accountOf(who);
    return receiptOf(this.market.write.deposit([amount], { account, value: this.value(amount) }));
  }

  /** setNodeTerms: `accepting`, any GDS, no minimum fee and no collateral limit unless given. */
  setTerms(node: Wallet, terms: Partial<NodeTerms> = {}): Promise<TransactionReceipt> {
    const full: NodeTerms = {
      accepting: true,
      gds: zeroAddress,
      minFee: 0n,
      maxCollateral: NO_LIMIT,
      ...terms,
    };
    return receiptOf(this.market.write.setNodeTerms([full], { account: node.account }));
  }

  withdraw(who: Wallet | Address, amount: bigint): Promise<TransactionReceipt> {
    return receiptOf(this.market.write.withdraw([amount], { account: accountOf(who) }));
  }

  /**
   * Gives `who` `amount` more of the asset in its wallet (on a token market: minted, and the market
   * approved for everything, as the fixture does for every named account).
   */
  async fund(who: Wallet | Address, amount: bigint): Promise<void> {
    const address = addressOf(who);
    if (this.token) {
      await receiptOf(this.token.write.mint([address, amount]));
      if ((await this.token.read.allowance([address, this.market.address])) === 0n) {
        await receiptOf(
          this.token.write.approve([this.market.address, NO_LIMIT], { account: accountOf(who) }),
        );
      }
      return;
    }
    const testClient = await hre.viem.getTestClient();
    await testClient.setBalance({ address, value: (await this.holdingsOf(address)) + amount });
  }

  /**
   * An EIP-2612 permit for the market to take `amount` of `owner`'s tokens, signed by `signer` (default
   * the owner), valid until `deadline` (default an hour from the latest block): `{ v, r, s, deadline }`.
   */
  async signPermit(owner: Wallet, amount: bigint, o: { deadline?: bigint; signer?: Wallet } = {}) {
    const token = this.token!;
    const latest = await this.publicClient.getBlock();
    const deadline = o.deadline ?? latest.timestamp + 3600n;
    const signer = o.signer ?? owner;
    const signature = await signer.signTypedData({
      account: signer.account,
      domain: {
        name: await token.read.name(),
        version: "1",
        chainId: await this.publicClient.getChainId(),
        verifyingContract: token.address,
      },
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: {
        owner: owner.account.address,
        spender: this.market.address,
        value: amount,
        nonce: await token.read.nonces([owner.account.address]),
        deadline,
      },
    });
    const { v, r, s } = parseSignature(signature);
    return { v: Number(v), r, s, deadline };
  }

  /** What `address` holds of the asset outside the market (its wallet balance). */
  async holdingsOf(address: Address): Promise<bigint> {
    if (this.token) return this.token.read.balanceOf([address]);
    return this.publicClient.getBalance({ address });
  }

  /** The market's own holdings of the asset. */
  marketHoldings(): Promise<bigint> {
    return this.holdingsOf(this.market.address);
  }

  /** (free, locked) of an account. */
  async stakeOf(who: Wallet | Address): Promise<{ free: bigint; locked: bigint }> {
    const [free, locked] = await this.market.read.stakeOf([addressOf(who)]);
    return { free, locked };
  }

  async heartbeat(...nodes: Wallet[]): Promise<void> {
    for (const n of nodes) await receiptOf(this.market.write.heartbeat({ account: n.account }));
  }

  /** Mines past the timeout (the job's snapshot, else the current parameter) keeping `alive` fresh. */
  async timeOutAllBut(alive: Wallet[], job?: { id: `0x${string}` }): Promise<void> {
    const timeout = BigInt(
      job
        ? (await this.market.read.getJob([job.id])).params.timeoutBlocks
        : (await this.market.read.parameters()).timeoutBlocks,
    );
    await mine(timeout / 2n);
    await this.heartbeat(...alive);
    await mine(timeout / 2n + 2n);
  }

  /** setParameters with `changes` over the current parameters (by the admin). */
  async setParameters(changes: Partial<Parameters>): Promise<Parameters> {
    const next = { ...(await this.market.read.parameters()), ...changes };
    await receiptOf(this.market.write.setParameters([next], { account: this.admin.account }));
    return next;
  }

  /**
   * A reader of what the conservation checks compare, in one eth_call: the asset the market holds
   * (`held`), what it owes counted one by one (the accounts' `stakes`, and the payments and bonds of
   * `jobIds` not yet settled: `jobMoney`), how many of them are not, and the market's own total.
   */
  async probe() {
    const probe = await hre.viem.deployContract("InvariantProbe", []);
    const read = async (accounts: Address[], jobIds: `0x${string}`[]) => {
      const [held, stakes, jobMoney, unsettled, holdings] = await probe.read.obligations([
        this.market.address,
        this.assetAddress,
        accounts,
        jobIds,
      ]);
      return { held, stakes, jobMoney, unsettled, holdings };
    };
    /** One job's state, payment and bond with the asset held and holdings(), in one eth_call. */
    read.job = async (id: `0x${string}`) => {
      const [held, holdings, state, paid, bond] = await probe.read.job([
        this.market.address,
        this.assetAddress,
        id,
      ]);
      return { held, holdings, state, paid, bond };
    };
    return read;
  }

  /** A job builder with the defaults of ./jobs.cts. */
  job(): JobBuilder {
    return new JobBuilder(this);
  }
}

/** What a write's `account` takes: a wallet's account, or an address Hardhat signs for (impersonated). */
export function accountOf(who: Wallet | Address): Wallet["account"] | Address {
  return typeof who === "string" ? who : who.account;
}

/** The address of a wallet (or an address as is). */
export function addressOf(who: Wallet | Address): Address {
  return typeof who === "string" ? who : who.account.address;
}

/** Deploys a world (tests use worldFixture; the gas bench calls this directly). */
export async function deployWorld(asset: AssetName, options: WorldOptions = {}): Promise<World> {
  const wallets = await hre.viem.getWalletClients();
  const publicClient = await hre.viem.getPublicClient();
  const [admin, gds] = wallets;
  const token = asset === "erc20" ? await deployToken() : undefined;
  const { market, implementation, libraries } = await deployMarketContracts(
    admin.account.address,
    token?.address ?? zeroAddress,
  );
  const unit = token ? 10n ** BigInt(await token.read.decimals()) : 10n ** 18n;
  const stake = options.stake ?? (options.stakeUnits ?? 1_000_000n) * unit;
  const w = new World(
    asset,
    market,
    implementation.address,
    libraries,
    wallets,
    publicClient,
    unit,
    stake,
    token,
  );
  if (token) {
    // Every account holds plenty of the token and has approved the market for it (the native accounts
    // hold 10^30 wei each, see hardhat.config.cts).
    for (const wallet of wallets) {
      await receiptOf(token.write.mint([wallet.account.address, 10n ** 30n]));
      await receiptOf(token.write.approve([market.address, NO_LIMIT], { account: wallet.account }));
    }
  }
  for (const [role, who] of [
    [GDS_ROLE, gds],
    [GDS_ROLE, w.gds2],
    [ARBITER_ROLE, w.arbiter],
  ] as const) {
    await receiptOf(market.write.grantRole([role, who.account.address], { account: admin.account }));
  }
  if (options.parameters) await w.setParameters(options.parameters);
  if (options.trustParameters) {
    await receiptOf(market.write.setTrustParameters([options.trustParameters], { account: admin.account }));
  }
  for (const node of w.dos.slice(0, options.registeredDos ?? w.dos.length))
    await w.register(node, Role.DO, stake);
  for (const node of w.mpcs.slice(0, options.registeredMpcs ?? w.mpcs.length)) {
    await w.register(node, Role.MPC, stake);
  }
  // The GDSes keep a balance as large as a node's stake, for the bonds of their judgements.
  for (const g of [gds, w.gds2]) await w.deposit(g, stake);
  w.params = await market.read.parameters();
  return w;
}

/**
 * A world fixture: `fixture(asset)` deploys it once per asset and then hands every test a fresh copy
 * of that snapshot (Hardhat's loadFixture). Define it at module level, once per set of options.
 */
export function worldFixture(options: WorldOptions = {}): (asset: AssetName) => Promise<World> {
  const perAsset = new Map<AssetName, () => Promise<World>>();
  return (asset) => {
    let fixture = perAsset.get(asset);
    if (!fixture) {
      fixture = () => deployWorld(asset, options);
      perAsset.set(asset, fixture);
    }
    return loadFixture(fixture);
  };
}

/**
 * A second market of the world's admin whose asset is a test token (`name`, deployed with `args`): for the
 * tests of tokens the product refuses or must survive (fee on transfer, false returns, no return values).
 */
export async function tokenMarket<
  Name extends "FeeOnTransferToken" | "FalseReturningToken" | "NoReturnToken",
>(
  w: World,
  name: Name,
  args: Name extends "FeeOnTransferToken" ? [number, boolean] : Name extends "NoReturnToken" ? [number] : [],
) {
  const token = await hre.viem.deployContract(name as "FalseReturningToken", args as []);
  const { market } = await deployMarketContracts(w.admin.account.address, token.address);
  return { market, token };
}
