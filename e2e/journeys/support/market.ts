// Direct access to the JobMarket for what a journey is NOT about (placing the stage: registering,
// ordering, progress of participants the journey does not follow) and for checking the chain after
// the UI acted. Every write simulates first and waits for its receipt (scripts/lib/chain.ts).
import type { Address, Hex } from "viem";
import { type ChainContext, connect, write } from "../../../scripts/lib/chain.ts";
import { payIn, walletHolding } from "../../../scripts/lib/payments.ts";
import { isNativeAsset, type PaymentAsset } from "../../../src/protocol/asset.ts";
import { tokenAbi } from "../../../src/protocol/tokenAbi.ts";
import { readSettlement, type SettlementMoves } from "../../../scripts/lib/settlement-oracle.ts";
import type { ValidOrder } from "../../../src/app/lib/orderForm.ts";
import { ALL, Status, TaskType } from "../../../src/protocol/enums.ts";
import { jobMarketAbi } from "../../../src/protocol/generated/abis.ts";
import { type JobId, newJobId } from "../../../src/protocol/jobId.ts";
import { priceOf, type PriceBreakdown } from "../../../src/protocol/money/index.ts";

/** placeOrder's terms as the GDS form sends them, but the id and the quote (the price, computed). */
export type OrderTerms = Omit<ValidOrder, "id" | "quote">;

/** The price of a job on these terms once its MPCs ask `mpcPrice` (the money model's priceOf). */
export function priceOfTerms(
  terms: Pick<OrderTerms, "jobType" | "doPrices" | "factor" | "mpcCount">,
  mpcPrice: bigint,
  gdsFeeBps: number,
): PriceBreakdown {
  return priceOf({ ...terms, modelComplexityFactor: terms.factor, mpcPrice, gdsFeeBps });
}

export class Market {
  private constructor(
    private readonly ctx: ChainContext,
    readonly address: Address,
    /** The market's payment asset: every amount below is in its smallest unit. */
    readonly asset: PaymentAsset,
  ) {}

  static async connect(rpcUrl: string, address: Address, asset: PaymentAsset): Promise<Market> {
    return new Market(await connect(rpcUrl), address, asset);
  }

  private get contract() {
    return { address: this.address, abi: jobMarketAbi } as const;
  }

  /** A write as `from` (an unlocked anvil dev account) that pays nothing in. */
  send(from: Address, call: { functionName: string; args: readonly unknown[] }): Promise<unknown> {
    return write(this.ctx, this.ctx.wallet(from), { ...this.contract, ...call } as never);
  }

  /** A money-in write as `from`: msg.value on the native coin, approve-then-pull on a token. */
  payIn(from: Address, call: Parameters<typeof payIn>[4], amount: bigint): Promise<void> {
    return payIn(this.ctx, this.address, this.asset, from, call, amount);
  }

  // ── reads ──
  job(id: JobId) {
    return this.ctx.publicClient.readContract({ ...this.contract, functionName: "getJob", args: [id] });
  }
  progress(id: JobId) {
    return this.ctx.publicClient.readContract({ ...this.contract, functionName: "getProgress", args: [id] });
  }
  jobCount(): Promise<bigint> {
    return this.ctx.publicClient.readContract({ ...this.contract, functionName: "jobCount" });
  }
  /** [dos, doPrices, current mpcs] */
  participants(id: JobId) {
    return this.ctx.publicClient.readContract({
      ...this.contract,
      functionName: "getParticipants",
      args: [id],
    });
  }
  node(account: Address) {
    return this.ctx.publicClient.readContract({ ...this.contract, functionName: "getNode", args: [account] });
  }
  /** Withdrawable balance: free stake / credited settlements. */
  async balance(account: Address): Promise<bigint> {
    return (await this.node(account)).balance;
  }
  parameters() {
    return this.ctx.publicClient.readContract({ ...this.contract, functionName: "parameters" });
  }
  receipt(hash: Hex) {
    return this.ctx.publicClient.getTransactionReceipt({ hash });
  }
  /** What `account` has allowed the market to pull of the token (0 on the native coin). */
  async allowance(account: Address): Promise<bigint> {
    if (isNativeAsset(this.asset)) return 0n;
    return this.ctx.publicClient.readContract({
      address: this.asset.address,
      abi: tokenAbi,
      functionName: "allowance",
      args: [account, this.address],
    });
  }

  /** `from` allows the market to pull `amount` of the token (an approve sent outside the app). */
  async approve(from: Address, amount: bigint): Promise<void> {
    await write(this.ctx, this.ctx.wallet(from), {
      address: this.asset.address,
      abi: tokenAbi,
      functionName: "approve",
      args: [this.address, amount],
    });
  }

  /** What the account's wallet holds of the asset (the token, or the coin that also pays gas). */
  walletBalance(account: Address): Promise<bigint> {
    return walletHolding(this.ctx, this.asset, account);
  }
  async balances(accounts: readonly Address[]): Promise<Map<Address, bigint>> {
    const values = await Promise.all(accounts.map((a) => this.balance(a)));
    return new Map(accounts.map((a, i) => [a, values[i]!]));
  }

  /** What the job's settlement moved, from its RewardDistributed, Refund and Fined events. */
  settlement(id: JobId): Promise<SettlementMoves> {
    return readSettlement(this.ctx.publicClient, this.address, id);
  }

  // ── the stage ──
  /** The GDS's order with a quote equal to the job's price with `mpcPrice` (the money model's priceOf). */
  async placeOrder(gds: Address, terms: OrderTerms, mpcPrice: bigint, id = newJobId()): Promise<JobId> {
    const { gdsFeeBps } = await this.parameters();
    const price = priceOfTerms(terms, mpcPrice, gdsFeeBps);
    await this.send(gds, {
      functionName: "placeOrder",
      args: [
        id,
        terms.jobType,
        terms.qc,
        terms.dos,
        terms.doPrices,
        terms.factor,
        terms.mpcCount,
        terms.totalEpochs,
        price.total,
      ],
    });
    return id;
  }

  /** Pays `amount`, signing the price the QC sees now (the total once MPCs are assigned, else the quote) as its most. */
  async pay(qc: Address, id: JobId, amount: bigint): Promise<void> {
    const job = await this.job(id);
    const maxTotal = job.mpcsAssigned ? job.totalPrice : job.quote;
    await this.payIn(qc, { functionName: "submitQuery", args: [id, amount, maxTotal] }, amount);
  }

  async assignMpcs(gds: Address, id: JobId, mpcs: Address[], mpcPrice: bigint): Promise<void> {
    await this.send(gds, { functionName: "assignMpcs", args: [id, mpcs, mpcPrice] });
  }

  /** Ordered, paid exactly the total, MPCs assigned: dispatched. */
  async dispatchedJob(gds: Address, terms: OrderTerms, mpcs: Address[], mpcPrice: bigint): Promise<JobId> {
    const id = await this.placeOrder(gds, terms, mpcPrice);
    await this.assignMpcs(gds, id, mpcs, mpcPrice);
    await this.pay(terms.qc, id, (await this.job(id)).totalPrice);
    return id;
  }

  async status(who: Address, id: JobId, taskType: number, epoch: number, batch: number, status: number) {
    await this.send(who, { functionName: "updateJobStatus", args: [id, { taskType, epoch, batch, status }] });
  }

  /** `who` reports (Training, e, ALL, Completed) for every epoch below `epochs`. */
  async trainEpochs(who: Address, id: JobId, epochs: number): Promise<void> {
    for (let e = 0; e < epochs; e += 1)
      await this.status(who, id, TaskType.Training, e, ALL, Status.Completed);
  }

  /** `who` finishes its whole training: (Training, ALL, ALL, Completed). */
  async finishTraining(who: Address, id: JobId): Promise<void> {
    await this.status(who, id, TaskType.Training, ALL, ALL, Status.Completed);
  }

  async heartbeat(who: Address): Promise<void> {
    await this.send(who, { functionName: "heartbeat", args: [] });
  }
}
