// A real local market for the watcher's tests and benchmark: anvil on a free port, the JobMarket
// deployed by the project's own deploy script, the demo GDS granted its role, nodes registered.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Address, type Hex, parseEther } from "viem";
import { devAccountsWithRole } from "../../../protocol/devAccounts.ts";
import { JobType, Role } from "../../../protocol/enums.ts";
import { jobMarketAbi } from "../../../protocol/generated/abis.ts";
import { newJobId } from "../../../protocol/jobId.ts";
import { priceOf, type PriceBreakdown } from "../../../protocol/money/index.ts";
import { deployMarket } from "../../../../scripts/deploy.ts";
import { type AnvilHandle, freePort, startAnvil } from "../../../../scripts/lib/anvil.ts";
import { type ChainContext, connect, write } from "../../../../scripts/lib/chain.ts";

export const admin = devAccountsWithRole("admin")[0]!.address;
export const gds = devAccountsWithRole("gds")[0]!.address;
export const qc = devAccountsWithRole("qc")[0]!.address;
export const dos = devAccountsWithRole("do").map((a) => a.address);
export const mpcs = devAccountsWithRole("mpc").map((a) => a.address);

export const NODE_STAKE = parseEther("10");

export interface MarketFixture {
  anvil: AnvilHandle;
  ctx: ChainContext;
  market: Address;
  /** The JobMarketLens the deploy script deployed beside it. */
  lens: Address;
  /** simulate → estimate → send → receipt, as `from` (an unlocked dev account). */
  send(from: Address, functionName: string, args: readonly unknown[], value?: bigint): Promise<void>;
  read<T>(functionName: string, args?: readonly unknown[]): Promise<T>;
  mine(blocks: number): Promise<void>;
  blockNumber(): Promise<bigint>;
  rpc<T>(method: string, params?: unknown[]): Promise<T>;
  stop(): Promise<void>;
}

export type ParameterOverrides = Partial<{
  timeoutBlocks: number;
  orderExpiryBlocks: number;
  abortGraceBlocks: number;
}>;

export async function startMarket(parameters: ParameterOverrides = {}): Promise<MarketFixture> {
  const anvil = await startAnvil({ port: await freePort() });
  const recordDir = fs.mkdtempSync(path.join(os.tmpdir(), "gds-watcher-"));
  try {
    const { record } = await deployMarket({
      rpcUrl: anvil.rpcUrl,
      recordFile: path.join(recordDir, "deployment.json"),
      log: () => undefined,
    });
    const ctx = await connect(anvil.rpcUrl);
    const market = record.jobMarket;
    if (!record.jobMarketLens) throw new Error("The deploy script deployed no JobMarketLens");
    const lens = record.jobMarketLens;
    const contract = { address: market, abi: jobMarketAbi } as const;
    const fixture: MarketFixture = {
      anvil,
      ctx,
      market,
      lens,
      async send(from, functionName, args, value) {
        await write(ctx, ctx.wallet(from), { ...contract, functionName, args, value } as never);
      },
      read: (functionName, args = []) =>
        ctx.publicClient.readContract({ ...contract, functionName, args } as never) as never,
      async mine(blocks) {
        await ctx.publicClient.request({
          method: "anvil_mine",
          params: [`0x${blocks.toString(16)}`],
        } as never);
      },
      blockNumber: () => ctx.publicClient.getBlockNumber({ cacheTime: 0 }),
      rpc: (method, params = []) => ctx.publicClient.request({ method, params } as never) as never,
      async stop() {
        await anvil.stop();
        fs.rmSync(recordDir, { recursive: true, force: true });
      },
    };

    const gdsRole = await fixture.read<Hex>("GDS_ROLE");
    await fixture.send(admin, "grantRole", [gdsRole, gds]);
    if (Object.keys(parameters).length > 0) {
      const current = await fixture.read<Record<string, unknown>>("parameters");
      await fixture.send(admin, "setParameters", [{ ...current, ...parameters }]);
    }
    for (const node of dos) await fixture.send(node, "registerNode", [Role.DO, NODE_STAKE], NODE_STAKE);
    for (const node of mpcs) await fixture.send(node, "registerNode", [Role.MPC, NODE_STAKE], NODE_STAKE);
    return fixture;
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

export interface JobSpec {
  jobDos: Address[];
  doPrices: bigint[];
  jobMpcs: Address[];
  mpcPrice: bigint;
  totalEpochs?: number;
  jobType?: number;
}

/** The price of a job of shape `spec` (factor 1) at the market's current GDS fee: the money model's priceOf. */
export async function priceOfSpec(f: MarketFixture, spec: JobSpec): Promise<PriceBreakdown> {
  const { gdsFeeBps } = await f.read<{ gdsFeeBps: number }>("parameters");
  return priceOf({
    jobType: spec.jobType ?? JobType.Horizontal,
    doPrices: spec.doPrices,
    modelComplexityFactor: 1,
    mpcCount: spec.jobMpcs.length,
    mpcPrice: spec.mpcPrice,
    gdsFeeBps,
  });
}

/** placeOrder by the GDS, without payment or MPCs: the job stays Ordered. */
export async function placeOrder(f: MarketFixture, spec: JobSpec): Promise<Hex> {
  const id = newJobId();
  const price = await priceOfSpec(f, spec);
  await f.send(gds, "placeOrder", [
    id,
    spec.jobType ?? JobType.Horizontal,
    qc,
    spec.jobDos,
    spec.doPrices,
    1,
    spec.jobMpcs.length,
    spec.totalEpochs ?? 2,
    price.total,
  ]);
  return id;
}

/** placeOrder, the QC pays the quote, the GDS assigns the MPCs: the job is Dispatched. */
export async function dispatchJob(f: MarketFixture, spec: JobSpec): Promise<Hex> {
  const id = await placeOrder(f, spec);
  const price = await priceOfSpec(f, spec);
  await f.send(qc, "submitQuery", [id, price.total, price.total], price.total);
  await f.send(gds, "assignMpcs", [id, spec.jobMpcs, spec.mpcPrice]);
  return id;
}
