// Jobs in the contract tests: `world.job()` is a builder (defaults: Horizontal, QC qcs[0], DOs 0-2 at
// 1,000, factor 1, 2 MPCs at 500, 2 epochs, a generous quote) that ends in ordered(), assigned() or
// dispatched() and returns a Job: the job's terms as the test chose them (its price from the money
// model) and every step a participant, the QC, the GDS or anyone takes on it.
//
//   const job = await w.job().vertical().dos(3, { price: 100n }).factor(2).mpcs(1, { price: 10n }).dispatched();
//   await job.completeEpochs(job.dos[0], 2); await job.fail(job.dos[1]); await job.settleAbort();
import { expect } from "chai";
import type { Address, Hash, TransactionReceipt } from "viem";
import { ALL } from "../../../src/protocol/constants.ts";
import { FailureReason, JobState, JobType, Role, Status, TaskType } from "../../../src/protocol/enums.ts";
import {
  doFee,
  mpcFee,
  priceOf,
  type FailureTerms,
  type JobMoney,
  type PriceBreakdown,
  type SettlementMember,
  type Shares,
} from "../../../src/protocol/money/index.ts";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { receiptOf } from "./chain.cjs";
import { addressOf, NO_LIMIT, type Parameters, type Wallet, type World } from "./world.cjs";

export { ALL, FailureReason, JobState, JobType, Role, Status, TaskType };

export interface StatusArg {
  taskType: number;
  epoch: number;
  batch: number;
  status: number;
}

export function status(taskType: number, epoch: number, batch: number, st: number): StatusArg {
  return { taskType, epoch, batch, status: st };
}

let jobCounter = 0;
/** A fresh, readable bytes16 job id (the GDS makes UUIDs; any unique non-zero 16 bytes will do). */
export function newJobId(): Hash {
  jobCounter += 1;
  return `0x${"f00d".padEnd(16, "0")}${jobCounter.toString(16).padStart(16, "0")}` as Hash;
}

interface Group {
  wallets?: Wallet[];
  count?: number;
  /** index of the first world node when picked by count */
  from?: number;
  price?: bigint;
  prices?: bigint[];
}

export class JobBuilder {
  private jobTypeValue: number = JobType.Horizontal;
  private qcWallet: Wallet;
  private doGroup: Group = { count: 3, price: 1000n };
  private mpcGroup: Group = { count: 2, price: 500n };
  private factorValue = 1;
  private epochsValue = 2;
  private quoteValue = 10n ** 30n;
  private idValue?: Hash;
  private payment?: bigint;
  private paramsValue?: Parameters;

  constructor(private readonly w: World) {
    this.qcWallet = w.qc;
  }

  horizontal(): this {
    this.jobTypeValue = JobType.Horizontal;
    return this;
  }
  vertical(): this {
    this.jobTypeValue = JobType.Vertical;
    return this;
  }
  type(jobType: number): this {
    this.jobTypeValue = jobType;
    return this;
  }
  /** `n` world DOs (from index `from`, default 0), or these wallets; one `price` or `prices` each. */
  dos(which: number | Wallet[], o: { price?: bigint; prices?: bigint[]; from?: number } = {}): this {
    this.doGroup = { ...groupOf(which), price: o.price ?? 1000n, prices: o.prices, from: o.from };
    return this;
  }
  /** `n` world MPCs (from index `from`), or these wallets, at `price` each. */
  mpcs(which: number | Wallet[], o: { price?: bigint; from?: number } = {}): this {
    this.mpcGroup = { ...groupOf(which), price: o.price ?? 500n, from: o.from };
    return this;
  }
  factor(f: number): this {
    this.factorValue = f;
    return this;
  }
  epochs(n: number): this {
    this.epochsValue = n;
    return this;
  }
  quote(q: bigint): this {
    this.quoteValue = q;
    return this;
  }
  qc(wallet: Wallet): this {
    this.qcWallet = wallet;
    return this;
  }
  id(id: Hash): this {
    this.idValue = id;
    return this;
  }
  /** The parameters the job snapshots (default: the world's at fixture time): the price and fines follow. */
  parameters(p: Parameters): this {
    this.paramsValue = p;
    return this;
  }
  /** What the QC pays in dispatched() (default: exactly the total price). */
  paid(amount: bigint): this {
    this.payment = amount;
    return this;
  }

  /** The job as it would be placed, without sending anything. */
  build(): Job {
    const dos = pick(this.w.dos, this.doGroup);
    const prices = this.doGroup.prices ?? dos.map(() => this.doGroup.price!);
    const mpcs = pick(this.w.mpcs, this.mpcGroup);
    return new Job(this.w, {
      id: this.idValue ?? newJobId(),
      jobType: this.jobTypeValue,
      qc: this.qcWallet,
      dos,
      prices,
      factor: this.factorValue,
      mpcCount: mpcs.length,
      totalEpochs: this.epochsValue,
      quote: this.quoteValue,
      plannedMpcs: mpcs,
      plannedMpcPrice: this.mpcGroup.price!,
      params: this.paramsValue ?? this.w.params,
    });
  }

  /** placeOrder only. */
  async ordered(): Promise<Job> {
    const job = this.build();
    await job.place();
    return job;
  }

  /** placeOrder and assignMpcs, nothing paid. */
  async assigned(): Promise<Job> {
    const job = await this.ordered();
    await job.assign();
    return job;
  }

  /** placeOrder, assignMpcs and submitQuery (the total, or `paid`): Dispatched when paid in full. */
  async dispatched(): Promise<Job> {
    const job = await this.assigned();
    await job.pay(this.payment ?? job.total);
    if (job.paidTotal >= job.total) expect(await job.state()).to.equal(JobState.Dispatched);
    return job;
  }
}

function groupOf(which: number | Wallet[]): Group {
  return typeof which === "number" ? { count: which } : { wallets: which };
}

function pick(pool: Wallet[], g: Group): Wallet[] {
  if (g.wallets) return g.wallets;
  const from = g.from ?? 0;
  return pool.slice(from, from + (g.count ?? 0));
}

export interface PlaceArgs {
  id: Hash;
  jobType: number;
  qc: Address;
  dos: Address[];
  prices: bigint[];
  factor: number;
  mpcCount: number;
  totalEpochs: number;
  quote: bigint;
}

export interface JobTerms {
  id: Hash;
  jobType: number;
  qc: Wallet;
  dos: Wallet[];
  prices: bigint[];
  factor: number;
  mpcCount: number;
  totalEpochs: number;
  quote: bigint;
  plannedMpcs: Wallet[];
  plannedMpcPrice: bigint;
  /** the parameters the job snapshots when placed, as the test knows them */
  params: Parameters;
}

/** A job on the market: its terms, its current MPCs, and the steps anyone takes on it. */
export class Job {
  readonly id: Hash;
  readonly jobType: number;
  readonly qc: Wallet;
  readonly dos: Wallet[];
  readonly prices: bigint[];
  readonly factor: number;
  readonly mpcCount: number;
  readonly totalEpochs: number;
  readonly quote: bigint;
  readonly params: Parameters;
  /** the current MPCs (kept up to date by assign() and replace()) */
  mpcs: Wallet[] = [];
  mpcPrice = 0n;
  /** what the QC has paid through pay() */
  paidTotal = 0n;
  private readonly planned: { mpcs: Wallet[]; price: bigint };

  constructor(
    readonly w: World,
    t: JobTerms,
  ) {
    this.id = t.id;
    this.jobType = t.jobType;
    this.qc = t.qc;
    this.dos = t.dos;
    this.prices = t.prices;
    this.factor = t.factor;
    this.mpcCount = t.mpcCount;
    this.totalEpochs = t.totalEpochs;
    this.quote = t.quote;
    this.params = t.params;
    this.planned = { mpcs: t.plannedMpcs, price: t.plannedMpcPrice };
  }

  /** The price of the job at `mpcPrice` (default: the assigned, else the planned MPC price). */
  price(mpcPrice = this.mpcs.length > 0 ? this.mpcPrice : this.planned.price): PriceBreakdown {
    return priceOf({
      jobType: this.jobType,
      doPrices: this.prices,
      modelComplexityFactor: this.factor,
      mpcCount: this.mpcCount,
      mpcPrice,
      gdsFeeBps: this.params.gdsFeeBps,
    });
  }
  get total(): bigint {
    return this.price().total;
  }
  get collateral(): bigint {
    return this.price().collateral;
  }
  doFee(i: number): bigint {
    return doFee(this.prices[i], this.factor);
  }
  get mpcFee(): bigint {
    return mpcFee(this.jobType, this.mpcPrice, this.dos.length, this.factor);
  }
  /** Every current participant, DOs first. */
  get participants(): Wallet[] {
    return [...this.dos, ...this.mpcs];
  }

  // ── reads ──
  view() {
    return this.w.market.read.getJob([this.id]);
  }
  async state(): Promise<number> {
    return (await this.view()).state;
  }
  progress() {
    return this.w.market.read.getProgress([this.id]);
  }
  isTimedOut(who: Wallet): Promise<boolean> {
    return this.w.market.read.isTimedOut([this.id, who.account.address]);
  }

  // ── the GDS and the QC ──
  /** placeOrder's arguments, with any of them replaced (for the invalid-input tests). */
  placeArgs(over: Partial<PlaceArgs> = {}) {
    const a: PlaceArgs = {
      id: this.id,
      jobType: this.jobType,
      qc: this.qc.account.address,
      dos: this.dos.map((d) => d.account.address),
      prices: this.prices,
      factor: this.factor,
      mpcCount: this.mpcCount,
      totalEpochs: this.totalEpochs,
      quote: this.quote,
      ...over,
    };
    return [a.id, a.jobType, a.qc, a.dos, a.prices, a.factor, a.mpcCount, a.totalEpochs, a.quote] as const;
  }

  place(by: Wallet = this.w.gds): Promise<TransactionReceipt> {
    return receiptOf(this.w.market.write.placeOrder(this.placeArgs(), { account: by.account }));
  }

  /** assignMpcs (default: the planned MPCs at the planned price); the handle follows the assignment. */
  async assign(
    mpcs: Wallet[] = this.planned.mpcs,
    mpcPrice: bigint = this.planned.price,
    by: Wallet = this.w.gds,
  ): Promise<TransactionReceipt> {
    const receipt = await receiptOf(
      this.w.market.write.assignMpcs([this.id, mpcs.map((m) => m.account.address), mpcPrice], {
        account: by.account,
      }),
    );
    this.mpcs = [...mpcs];
    this.mpcPrice = mpcPrice;
    return receipt;
  }

  /** submitQuery paying `amount` (from the job's QC unless `from`), signing `maxTotal` (default: none). */
  async pay(amount: bigint, o: { from?: Wallet; maxTotal?: bigint } = {}): Promise<TransactionReceipt> {
    const from = o.from ?? this.qc;
    const receipt = await receiptOf(
      this.w.market.write.submitQuery([this.id, amount, o.maxTotal ?? NO_LIMIT], {
        account: from.account,
        value: this.w.value(amount),
      }),
    );
    this.paidTotal += amount;
    return receipt;
  }

  /** cancelJob (by the QC unless `by`), signing `maxFine` (default: none). */
  cancel(by: Wallet = this.qc, maxFine: bigint = NO_LIMIT): Promise<TransactionReceipt> {
    return receiptOf(this.w.market.write.cancelJob([this.id, maxFine], { account: by.account }));
  }

  // ── participants ──
  update(who: Wallet, s: StatusArg): Promise<TransactionReceipt> {
    return receiptOf(this.w.market.write.updateJobStatus([this.id, s], { account: who.account }));
  }
  /** (taskType, epoch, batch, InProgress). */
  progressTo(who: Wallet, epoch: number, batch: number, taskType = this.defaultTask(who)) {
    return this.update(who, status(taskType, epoch, batch, Status.InProgress));
  }
  /** Epochs 0..n-1 reported completed, one update each: (task, e, ALL, Completed). */
  async completeEpochs(who: Wallet, n: number, taskType = this.defaultTask(who)): Promise<void> {
    for (let e = 0; e < n; e++) await this.update(who, status(taskType, e, ALL, Status.Completed));
  }
  /** The final update of a part: (task, ALL, ALL, Completed). */
  complete(who: Wallet, taskType = this.defaultTask(who)): Promise<TransactionReceipt> {
    return this.update(who, status(taskType, ALL, ALL, Status.Completed));
  }
  /** A Failed report at (epoch, batch). */
  fail(who: Wallet, epoch = 0, batch = 0, taskType = this.defaultTask(who)): Promise<TransactionReceipt> {
    return this.update(who, status(taskType, epoch, batch, Status.Failed));
  }
  /** Everyone's final updates (Vertical: PSI first; the settling update is the last). */
  async completeAll(): Promise<TransactionReceipt> {
    if (this.jobType === JobType.Vertical) {
      for (const p of this.participants) await this.complete(p, TaskType.PSI);
      let last: TransactionReceipt | undefined;
      for (const p of this.participants) last = await this.complete(p, TaskType.Training);
      return last!;
    }
    for (const m of this.mpcs) await this.complete(m, TaskType.Aggregation);
    let last: TransactionReceipt | undefined;
    for (const d of this.dos) last = await this.complete(d, TaskType.Training);
    return last!;
  }
  /** Horizontal: DOs train and MPCs aggregate; Vertical: Training (after PSI). */
  defaultTask(who: Wallet): number {
    if (this.jobType === JobType.Vertical) return TaskType.Training;
    return this.dos.includes(who) ? TaskType.Training : TaskType.Aggregation;
  }

  requestReplacement(by: Wallet, mpc: Wallet): Promise<TransactionReceipt> {
    return receiptOf(
      this.w.market.write.requestMpcReplacement([this.id, mpc.account.address], { account: by.account }),
    );
  }
  /** replaceMpc; the handle's MPC list follows. */
  async replace(oldMpc: Wallet, newMpc: Wallet, by: Wallet = this.w.gds): Promise<TransactionReceipt> {
    const receipt = await receiptOf(
      this.w.market.write.replaceMpc([this.id, oldMpc.account.address, newMpc.account.address], {
        account: by.account,
      }),
    );
    this.mpcs = this.mpcs.map((m) => (m === oldMpc ? newMpc : m));
    return receipt;
  }

  // ── failures ──
  report(offenders: Wallet[], reason: number, by: Wallet = this.w.gds): Promise<TransactionReceipt> {
    return receiptOf(
      this.w.market.write.reportFailure([this.id, offenders.map((o) => o.account.address), reason], {
        account: by.account,
      }),
    );
  }
  settleAbort(by: Wallet = this.w.gds): Promise<TransactionReceipt> {
    return receiptOf(this.w.market.write.settleAbort([this.id], { account: by.account }));
  }

  // ── judgements ──
  /** reportFailure(named, NonCompliantResult) by the GDS: the job is Judged, the bond locked. */
  judge(named: Wallet[], by: Wallet = this.w.gds): Promise<TransactionReceipt> {
    return this.report(named, FailureReason.NonCompliantResult, by);
  }
  challenge(by: Wallet): Promise<TransactionReceipt> {
    return receiptOf(this.w.market.write.challengeJudgement([this.id], { account: by.account }));
  }
  /** resolveChallenge upholding `upheld` (by the world's arbiter unless `by`). */
  resolve(upheld: Wallet[], by: Wallet = this.w.arbiter): Promise<TransactionReceipt> {
    const addresses = upheld.map((u) => u.account.address);
    return receiptOf(this.w.market.write.resolveChallenge([this.id, addresses], { account: by.account }));
  }
  settleJudgement(by: Wallet = this.w.stranger): Promise<TransactionReceipt> {
    return receiptOf(this.w.market.write.settleJudgement([this.id], { account: by.account }));
  }
  /** Mines until the challenge window (or, `arbitration`, the arbitration deadline) is over. */
  async passDeadline(which: "challenge" | "arbitration"): Promise<void> {
    const view = await this.view();
    const deadline = which === "challenge" ? view.challengeDeadline : view.arbitrationDeadline;
    const now = await this.w.publicClient.getBlockNumber();
    if (deadline > now + 1n) await mine(deadline - now - 1n); // the next transaction lands at the deadline
  }

  // ── the money model's view of this job ──
  /** The job's money as the model takes it (paid: what pay() paid unless given). */
  money(paid = this.paidTotal): JobMoney {
    return { gds: this.w.gds.account.address, collateral: this.collateral, totalPrice: this.total, paid };
  }
  /** The members of a settlement, DOs first then the current MPCs; completed epochs for settleAbort. */
  members(completedEpochs: Map<Wallet, number> = new Map()): SettlementMember[] {
    return [
      ...this.dos.map((d, i) => ({
        account: d.account.address,
        role: Role.DO,
        fee: this.doFee(i),
        completedEpochs: completedEpochs.get(d) ?? 0,
      })),
      ...this.mpcs.map((m) => ({
        account: m.account.address,
        role: Role.MPC,
        fee: this.mpcFee,
        completedEpochs: completedEpochs.get(m) ?? 0,
      })),
    ];
  }
  /** The failure terms of the job's parameters (default: those it was built with). */
  failureTerms(byEpochs: boolean, params: Parameters = this.params): FailureTerms {
    const shares = (
      this.jobType === JobType.Horizontal ? params.horizontalShares : params.verticalShares
    ) as Shares;
    return {
      selfReportFineBps: params.selfReportFineBps,
      detectedFineBps: params.detectedFineBps,
      shares,
      byEpochs,
      totalEpochs: this.totalEpochs,
    };
  }
}

/** The (account, reason) marks of the model from wallets. */
export function offenders(...marks: [Wallet, number][]) {
  return marks.map(([w, reason]) => ({ account: addressOf(w), reason }));
}
