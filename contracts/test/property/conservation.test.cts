// Property: whatever anyone does, in any order, the market holds exactly what it owes.
// fast-check generates long random sequences of operations across several jobs, nodes and two GDSes —
// money in and out, terms, orders, payments with price ceilings, progress, failures, aborts, judgements,
// challenges, rulings, cancellations with fine ceilings, and blocks passing; many revert (that is fine and
// counted). After every step that wrote something: the market's holdings of the asset == its own total
// (`holdings()`); every FULL_CHECK_EVERY steps and at the end, also == every account's free + locked stake
// + the QC payments of unsettled jobs + the bonds judged jobs hold, re-read from the chain (and from a
// cache of every job re-read after each operation on it). Every settlement
// conserves value to the wei (its events against what the QC had paid and the bond it held), and a
// settled job can never be settled again by any path.
// Env: FEDPAY_PROPERTY_OPS total operations per asset (default 10,000), FEDPAY_PROPERTY_SEED to replay a
// run, FEDPAY_PROPERTY_VERBOSE=1 for revert reasons and timings.
import { AssertionError, expect } from "chai";
import fc from "fast-check";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { zeroAddress, type Address, type Hash } from "viem";
import { sumOf } from "../../../src/protocol/money/index.ts";
import { errorText } from "../helpers/chain.cjs";
import {
  ALL,
  FailureReason,
  JobState as STATE,
  Role,
  Status as STATUS,
  TaskType as TASK,
} from "../helpers/jobs.cjs";
import { emittedSettlement } from "../helpers/settlement.cjs";
import { forEachAsset, NO_LIMIT, worldFixture, type Wallet, type World } from "../helpers/world.cjs";

const TOTAL_OPS = Number(process.env.FEDPAY_PROPERTY_OPS ?? 10_000);
const OPS_PER_RUN = Math.min(1_000, TOTAL_OPS);
const RUNS = Math.max(1, Math.round(TOTAL_OPS / OPS_PER_RUN));
const SEED = process.env.FEDPAY_PROPERTY_SEED ? Number(process.env.FEDPAY_PROPERTY_SEED) : undefined;
const VERBOSE = Boolean(process.env.FEDPAY_PROPERTY_VERBOSE);

// Short deadlines so random runs reach timeouts, expiries, abort graces and judgement deadlines often.
// Every operation mines a block (Hardhat mines reverted transactions too).
const TIMEOUT_BLOCKS = 60;
const INITIAL_STAKE = 6_000n;
const FULL_CHECK_EVERY = 100;
const SETTLED = [STATE.Completed, STATE.Failed, STATE.Cancelled] as number[];

// The DOs and MPCs of the world, all but the last of each registered (registering, deregistering and
// re-registering are random operations too); both GDSes hold a balance for bonds.
const world = worldFixture({
  stake: INITIAL_STAKE,
  registeredDos: 9,
  registeredMpcs: 5,
  parameters: { timeoutBlocks: TIMEOUT_BLOCKS, orderExpiryBlocks: 120, abortGraceBlocks: 15 },
  trustParameters: { challengeWindowBlocks: 30, arbitrationBlocks: 60, judgementBondBps: 1000 },
});

const OP_KINDS = [
  ["register", 3],
  ["deposit", 2],
  ["withdraw", 3],
  ["deregister", 1],
  ["heartbeat", 4],
  ["setTerms", 1],
  ["placeOrder", 3],
  ["placeAndDispatch", 6],
  ["submitQuery", 6],
  ["assignMpcs", 5],
  ["update", 20],
  ["fail", 2],
  ["requestReplacement", 2],
  ["replaceMpc", 3],
  ["mine", 6],
  ["reportTimeout", 3],
  ["judge", 2],
  ["challenge", 2],
  ["resolve", 2],
  ["settleJudgement", 2],
  ["settleAbort", 2],
  ["cancel", 1],
] as const;
type OpKind = (typeof OP_KINDS)[number][0];

/** The job states an operation is meant for (it is sometimes sent to a job in another state anyway). */
const WANTED_STATES: Partial<Record<OpKind, number[]>> = {
  submitQuery: [STATE.Ordered],
  assignMpcs: [STATE.Ordered],
  update: [STATE.Dispatched],
  fail: [STATE.Dispatched],
  requestReplacement: [STATE.Dispatched],
  replaceMpc: [STATE.Dispatched],
  reportTimeout: [STATE.Dispatched],
  judge: [STATE.Dispatched],
  challenge: [STATE.Judged],
  resolve: [STATE.Challenged],
  settleJudgement: [STATE.Judged, STATE.Challenged],
  settleAbort: [STATE.Aborting],
  cancel: [STATE.Ordered, STATE.Dispatched],
};

interface Op {
  kind: OpKind;
  a: number;
  b: number;
  c: number;
  d: number;
}

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.oneof(...OP_KINDS.map(([kind, weight]) => ({ arbitrary: fc.constant(kind as OpKind), weight }))),
  a: fc.nat(1_000_000),
  b: fc.nat(1_000_000),
  c: fc.nat(1_000_000),
  d: fc.nat(1_000_000),
});

interface JobRecord {
  id: Hash;
  jobType: number;
  qc: Wallet;
  gds: Wallet;
  totalEpochs: number;
  mpcCount: number;
  /** the participants as the operations that succeeded left them (saves a read per operation) */
  dos: Wallet[];
  mpcs: Wallet[];
  last: Map<Wallet, { reported: boolean; lastStatus: { taskType: number; epoch: number; batch: number } }>;
  named: Wallet[];
}

/** What the property keeps about a job, re-read from getJob after every operation on it. */
interface JobCache {
  state: number;
  paid: bigint;
  bond: bigint;
}

/** An operation that had nothing to act on (no job yet, no MPC): not sent, not a revert. */
class Skip extends Error {}

const pick = <T,>(xs: readonly T[], n: number): T => xs[n % xs.length];

function pickDistinct<T>(xs: readonly T[], count: number, seed: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  let s = seed;
  while (out.length < count && pool.length > 0) {
    out.push(pool.splice(s % pool.length, 1)[0]);
    s = Math.floor(s / 7) + 13;
  }
  return out;
}

/** The next status a participant could plausibly send, from what it last reported. */
function nextStatus(
  view: { role: number; reported: boolean; lastStatus: { taskType: number; epoch: number; batch: number } },
  jobType: number,
  totalEpochs: number,
  kind: number,
  r: number,
) {
  const last = view.lastStatus;
  const psiDone =
    view.reported && (last.taskType === TASK.Training || (last.taskType === TASK.PSI && last.epoch === ALL));
  if (jobType === 1 /* Vertical */ && !psiDone) {
    if (kind % 3 === 0) return { taskType: TASK.PSI, epoch: ALL, batch: ALL, status: STATUS.Completed };
    return { taskType: TASK.PSI, epoch: r % 3, batch: ALL, status: STATUS.Completed };
  }
  const task = jobType === 1 || view.role === Role.DO ? TASK.Training : TASK.Aggregation;
  const started = view.reported && last.taskType === task;
  const epoch = started ? last.epoch : 0;
  const batch = started ? last.batch : 0;
  switch (kind % 6) {
    case 0: // next batch
      return { taskType: task, epoch, batch: batch === ALL ? 0 : batch + 1, status: STATUS.InProgress };
    case 1: // close this epoch (or the next one)
      return {
        taskType: task,
        epoch: batch === ALL ? Math.min(epoch + 1, totalEpochs - 1) : epoch,
        batch: ALL,
        status: STATUS.Completed,
      };
    case 2: // finish the whole part
    case 3:
      return { taskType: task, epoch: ALL, batch: ALL, status: STATUS.Completed };
    case 4: // repeat the last report
      return { taskType: task, epoch, batch, status: STATUS.InProgress };
    default: // anything at all, mostly invalid
      return { taskType: r % 4, epoch: r % (totalEpochs + 2), batch: (r >> 3) % 3, status: (r >> 5) % 5 };
  }
}

/** One run: a fresh copy of the world and `ops` applied to it, the invariant checked as it goes. */
class Run {
  readonly jobs: JobRecord[] = [];
  readonly cache = new Map<Hash, JobCache>();
  readonly settled = new Set<Hash>();
  readonly nodes: { wallet: Wallet; role: number }[];
  readonly registered: Set<Wallet>;
  readonly everyone: Address[];
  settlements = 0;
  /** a job the current step created */
  touched?: JobRecord;
  /** what the current operation changes in a JobRecord if it succeeds */
  onSuccess?: () => void;

  constructor(
    readonly w: World,
    readonly probe: Awaited<ReturnType<World["probe"]>>,
    readonly label: string,
  ) {
    this.nodes = [
      ...w.dos.map((wallet) => ({ wallet, role: Role.DO as number })),
      ...w.mpcs.map((wallet) => ({ wallet, role: Role.MPC as number })),
    ];
    // Registration only changes through register / deregister steps, so this cache is exact.
    this.registered = new Set([...w.dos.slice(0, 9), ...w.mpcs.slice(0, 5)]);
    this.everyone = w.everyone.map((x) => x.account.address);
  }

  /** Applies what the operation that just succeeded changed in its JobRecord, and forgets it. */
  commit(): void {
    this.onSuccess?.();
    this.onSuccess = undefined;
  }

  /** Mostly registered nodes; one pick in ten from every node of the role, to exercise WrongRole. */
  nodesWithRole(role: number, seed: number): Wallet[] {
    return this.nodes
      .filter((n) => n.role === role && (seed % 10 === 0 || this.registered.has(n.wallet)))
      .map((n) => n.wallet);
  }

  chooseJob(op: Op): JobRecord | undefined {
    const wanted = WANTED_STATES[op.kind];
    if (this.jobs.length === 0 || !wanted) return undefined; // node and money operations need no job
    const fitting = this.jobs.filter((j) => wanted.includes(this.cache.get(j.id)!.state));
    // One operation in eight goes to any job at all, to exercise the wrong-state reverts.
    if (fitting.length === 0 || op.d % 8 === 0) return pick(this.jobs, op.a);
    return pick(fitting, op.a);
  }

  /**
   * The asset the market holds == holdings() (cheap: one eth_call); in full, also == every account's stake
   * + the payments and bonds of the unsettled jobs, all re-read from the chain and beside the cache.
   */
  async checkConservation(step: number, full: boolean): Promise<void> {
    const where = `${this.label} step ${step}`;
    const ids = full ? this.jobs.map((j) => j.id) : [];
    const read = await this.probe(full ? this.everyone : [], ids);
    expect(read.holdings, `${where}: holdings() vs the asset the market holds`).to.equal(read.held);
    if (!full) return;
    const open = this.jobs.filter((j) => !this.settled.has(j.id));
    const cached = open.reduce((sum, j) => sum + this.cache.get(j.id)!.paid + this.cache.get(j.id)!.bond, 0n);
    expect(read.stakes + read.jobMoney, `${where}: obligations read in full`).to.equal(read.held);
    expect(read.jobMoney, `${where}: payments and bonds beside the cache`).to.equal(cached);
    expect(read.unsettled, `${where}: unsettled jobs`).to.equal(BigInt(open.length));
  }

  /** Tries every settling path on a settled job (all of them, or only the `only`-th). */
  async expectCannotSettle(job: JobRecord, only?: number): Promise<void> {
    const m = this.w.market;
    const someone = job.dos[0].account.address;
    const gds = { account: job.gds.account.address };
    const attempts: Array<() => Promise<unknown>> = [
      () => m.simulate.settleAbort([job.id], gds),
      () => m.simulate.cancelJob([job.id, NO_LIMIT], { account: job.qc.account.address }),
      () => m.simulate.cancelJob([job.id, NO_LIMIT], gds),
      () => m.simulate.reportFailure([job.id, [someone], FailureReason.NonCompliantResult], gds),
      () => m.simulate.reportFailure([job.id, [someone], FailureReason.HeartbeatTimeout], gds),
      () => m.simulate.settleJudgement([job.id], gds),
      () => m.simulate.resolveChallenge([job.id, []], { account: this.w.arbiter.account.address }),
    ];
    for (const attempt of only === undefined ? attempts : [pick(attempts, only)]) {
      let reverted = false;
      try {
        await attempt();
      } catch {
        reverted = true;
      }
      expect(reverted, `settled job ${job.id} settled again`).to.equal(true);
    }
  }

  /**
   * After an operation on `job`: refresh its cache, check the asset held against holdings() (one eth_call
   * for both); if the job just settled, check the settlement's money.
   */
  async observe(job: JobRecord, hash: Hash | undefined, step: number): Promise<void> {
    const before = this.cache.get(job.id) ?? { state: STATE.None, paid: 0n, bond: 0n };
    const view = await this.probe.job(job.id);
    expect(view.holdings, `${this.label} step ${step}: holdings() vs the asset the market holds`).to.equal(
      view.held,
    );
    this.cache.set(job.id, { state: view.state, paid: view.paid, bond: view.bond });
    if (!SETTLED.includes(view.state)) return;
    this.settled.add(job.id);
    this.settlements += 1;
    const receipt = await this.w.publicClient.getTransactionReceipt({ hash: hash! });
    const s = emittedSettlement({ w: this.w, id: job.id }, receipt);
    const forfeited = before.bond - sumOf(s.bondReleased.map((amount) => ({ amount })));
    expect(sumOf(s.credits) + sumOf(s.refunds), `settlement of ${job.id}`).to.equal(
      before.paid + sumOf(s.fines) + forfeited,
    );
    // the bond is credited only when the job held one (forfeited or released, never more)
    expect(forfeited >= 0n, `bond of ${job.id}`).to.equal(true);
    await this.expectCannotSettle(job);
  }

  /** Places a random order from a random GDS; the new job joins the pool only if the order succeeded. */
  async placeRandomOrder(op: Op): Promise<{ hash: Hash; job: JobRecord }> {
    const w = this.w;
    const jobType = op.b % 2;
    const dos = pickDistinct(this.nodesWithRole(Role.DO, op.a), 1 + (op.c % 4), op.d);
    const doPrices = dos.map((_, i) => BigInt(1 + ((op.d >> i) % 100)));
    const factor = 1 + (op.a % 3);
    const mpcCount = 1 + (op.c % 2);
    const totalEpochs = 1 + (op.a % 3);
    const qc = pick(w.qcs, op.c >> 4);
    const gds = op.b % 5 === 0 ? w.gds2 : w.gds;
    const id =
      `0x${(this.jobs.length + 1).toString(16).padStart(8, "0")}${op.d.toString(16).padStart(24, "0")}` as Hash;
    const quote = BigInt(op.b % 3_000);
    const addresses = dos.map((d) => d.account.address);
    const args = [
      id,
      jobType,
      qc.account.address,
      addresses,
      doPrices,
      factor,
      mpcCount,
      totalEpochs,
      quote,
    ] as const;
    const hash = await w.market.write.placeOrder(args, { account: gds.account });
    const job = { id, jobType, qc, gds, totalEpochs, mpcCount, dos, mpcs: [], last: new Map(), named: [] };
    this.jobs.push(job);
    this.cache.set(id, { state: STATE.Ordered, paid: 0n, bond: 0n });
    return { hash, job };
  }

  async runOp(op: Op, job: JobRecord | undefined): Promise<Hash | undefined> {
    const w = this.w;
    const m = w.market;
    const node = pick(this.nodes, op.b);
    const need = () => {
      if (!job) throw new Skip();
      return job;
    };
    switch (op.kind) {
      case "register": {
        const amount = BigInt(op.c % 60_000);
        return m.write.registerNode([node.role, amount], {
          account: node.wallet.account,
          value: w.value(amount),
        });
      }
      case "deposit": {
        const who = op.d % 4 === 0 ? pick([w.gds, w.gds2], op.a) : node.wallet;
        const amount = BigInt(1 + (op.c % 20_000));
        return m.write.deposit([amount], { account: who.account, value: w.value(amount) });
      }
      case "withdraw": {
        const who = pick([...this.nodes.map((n) => n.wallet), w.gds, w.gds2, ...w.qcs], op.b);
        const balance = await m.read.balanceOf([who.account.address]);
        const amount = op.d % 5 === 0 ? balance + 1n : (balance * BigInt(op.c % 101)) / 100n;
        return m.write.withdraw([amount], { account: who.account });
      }
      case "deregister":
        return m.write.deregisterNode({ account: node.wallet.account });
      case "heartbeat":
        return m.write.heartbeat({ account: node.wallet.account });
      case "setTerms": {
        // Mostly permissive terms (so that orders keep coming), sometimes refusing ones.
        const terms = {
          accepting: op.c % 8 !== 0,
          gds: [zeroAddress, zeroAddress, zeroAddress, w.gds.account.address, w.gds2.account.address][
            op.d % 5
          ],
          minFee: op.a % 5 === 0 ? BigInt(op.a % 200) : 0n,
          maxCollateral: op.b % 4 === 0 ? BigInt(op.b % 3_000) : NO_LIMIT,
        };
        return m.write.setNodeTerms([terms], { account: node.wallet.account });
      }
      case "mine":
        // Mostly a few blocks; one time in ten a jump past the timeout (and most judgement deadlines).
        await mine(1 + (op.c % (op.d % 10 === 0 ? 2 * TIMEOUT_BLOCKS : 8)));
        return undefined;
      case "placeOrder":
        return (await this.placeRandomOrder(op)).hash;
      case "placeAndDispatch": {
        // Place, assign and pay in full in one step: a steady supply of dispatched jobs.
        const placed = await this.placeRandomOrder(op);
        this.touched = placed.job;
        const mpcs = pickDistinct(this.nodesWithRole(Role.MPC, op.a), placed.job.mpcCount, op.c);
        const addresses = mpcs.map((x) => x.account.address);
        await m.write.assignMpcs([placed.job.id, addresses, BigInt(1 + (op.b % 60))], {
          account: placed.job.gds.account,
        });
        placed.job.mpcs = mpcs;
        const view = await m.read.getJob([placed.job.id]);
        const amount = view.totalPrice - view.paid + BigInt(op.d % 3);
        return m.write.submitQuery([placed.job.id, amount, view.totalPrice], {
          account: placed.job.qc.account,
          value: w.value(amount),
        });
      }
      case "submitQuery": {
        const j = need();
        const view = await m.read.getJob([j.id]);
        const due = view.totalPrice > view.paid ? view.totalPrice - view.paid : 0n;
        const amount = [due, due / 2n, due + BigInt(op.c % 500), 0n, BigInt(op.c % 3_000)][op.b % 5];
        const shown = view.mpcsAssigned ? view.totalPrice : view.quote;
        const maxTotal = [shown, NO_LIMIT, shown > 0n ? shown - 1n : 0n][op.a % 3]; // sometimes too low
        const from = op.d % 10 === 0 ? w.stranger : j.qc;
        return m.write.submitQuery([j.id, amount, maxTotal], {
          account: from.account,
          value: w.value(amount),
        });
      }
      case "assignMpcs": {
        const j = need();
        const count = op.d % 8 === 0 ? j.mpcCount + 1 : j.mpcCount;
        const mpcs = pickDistinct(this.nodesWithRole(Role.MPC, op.a), count, op.c);
        const by = op.b % 9 === 0 ? (j.gds === w.gds ? w.gds2 : w.gds) : j.gds; // sometimes the other GDS
        this.onSuccess = () => {
          for (const old of j.mpcs) j.last.delete(old);
          j.mpcs = mpcs;
        };
        return m.write.assignMpcs([j.id, mpcs.map((x) => x.account.address), BigInt(1 + (op.b % 60))], {
          account: by.account,
        });
      }
      case "update":
      case "fail": {
        const j = need();
        const participants = [...j.dos, ...j.mpcs];
        if (participants.length === 0) throw new Skip();
        const who = pick(participants, op.b);
        const known = j.last.get(who) ?? { reported: false, lastStatus: { taskType: 0, epoch: 0, batch: 0 } };
        const role = j.dos.includes(who) ? Role.DO : Role.MPC;
        let status = nextStatus({ role, ...known }, j.jobType, j.totalEpochs, op.c, op.d);
        if (op.kind === "fail") status = { ...status, status: STATUS.Failed };
        const sender = op.d % 13 !== 0 ? who : w.stranger;
        this.onSuccess = () => j.last.set(who, { reported: true, lastStatus: status });
        return m.write.updateJobStatus([j.id, status], { account: sender.account });
      }
      case "requestReplacement": {
        const j = need();
        if (j.dos.length === 0 || j.mpcs.length === 0) throw new Skip();
        const requester = op.d % 11 === 0 ? w.stranger : pick(j.dos, op.b);
        return m.write.requestMpcReplacement([j.id, pick(j.mpcs, op.c).account.address], {
          account: requester.account,
        });
      }
      case "replaceMpc": {
        const j = need();
        if (j.mpcs.length === 0) throw new Skip();
        const [old, fresh] = [pick(j.mpcs, op.b), pick(this.nodesWithRole(Role.MPC, op.a), op.c)];
        this.onSuccess = () => {
          j.mpcs = j.mpcs.map((x) => (x === old ? fresh : x));
          j.last.delete(old);
        };
        return m.write.replaceMpc([j.id, old.account.address, fresh.account.address], {
          account: j.gds.account,
        });
      }
      case "reportTimeout": {
        const j = need();
        const progress = await m.read.getProgress([j.id]);
        const late = progress.filter((p) => p.timedOut).map((p) => p.account);
        const named =
          op.b % 3 !== 0 && late.length > 0
            ? late.slice(0, 1 + (op.c % late.length))
            : [progress.length > 0 ? pick(progress, op.c).account : w.stranger.account.address];
        const by = pick([w.stranger, j.qc, w.gds2], op.d);
        return m.write.reportFailure([j.id, named, FailureReason.HeartbeatTimeout], { account: by.account });
      }
      case "judge": {
        const j = need();
        const participants = [...j.dos, ...j.mpcs];
        if (participants.length === 0) throw new Skip();
        const named = pickDistinct(participants, 1 + (op.c % 2), op.b);
        const by = op.d % 7 === 0 ? w.stranger : j.gds;
        this.onSuccess = () => (j.named = named);
        const addresses = named.map((n) => n.account.address);
        return m.write.reportFailure([j.id, addresses, FailureReason.NonCompliantResult], {
          account: by.account,
        });
      }
      case "challenge": {
        const j = need();
        const challenger = op.b % 6 === 0 || j.named.length === 0 ? w.stranger : pick(j.named, op.c);
        return m.write.challengeJudgement([j.id], { account: challenger.account });
      }
      case "resolve": {
        const j = need();
        const upheld = j.named.filter((_, i) => (op.c >> i) % 2 === 1).map((n) => n.account.address);
        const arbiter = op.d % 9 === 0 ? j.gds : w.arbiter; // sometimes one with a conflict of interest
        return m.write.resolveChallenge([j.id, upheld], { account: arbiter.account });
      }
      case "settleJudgement":
        return m.write.settleJudgement([need().id], { account: w.stranger.account });
      case "settleAbort": {
        const j = need();
        const by = op.b % 2 === 0 ? j.gds : w.stranger;
        return m.write.settleAbort([j.id], { account: by.account });
      }
      case "cancel": {
        const j = need();
        const by = pick([j.qc, j.gds, w.stranger], op.b);
        const maxFine = op.c % 3 === 0 ? 0n : NO_LIMIT;
        return m.write.cancelJob([j.id, maxFine], { account: by.account });
      }
    }
  }
}

forEachAsset((asset) =>
  describe(`property: value is conserved under random operations · ${asset}`, function () {
    this.timeout(20 * 60_000);

    it(`holds for ${RUNS} run(s) of ${OPS_PER_RUN} random operations`, async () => {
      const counters = { ops: 0, skipped: 0, reverted: 0, settled: 0 };
      const byKind: Record<string, { ok: number; reverted: number }> = {};
      for (const [kind] of OP_KINDS) byKind[kind] = { ok: 0, reverted: 0 };
      const reasons: Record<string, number> = {};
      const started = Date.now();
      const timing = { op: 0, observe: 0, check: 0 };
      let runIndex = 0;

      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: OPS_PER_RUN, maxLength: OPS_PER_RUN }), async (ops) => {
          runIndex += 1;
          const w = await world(asset);
          const run = new Run(w, await w.probe(), `run ${runIndex}`);
          for (let step = 0; step < ops.length; step++) {
            const op = ops[step];
            const opStart = performance.now();
            run.touched = undefined;
            const chosen = run.chooseJob(op);
            let hash: Hash | undefined;
            try {
              hash = await run.runOp(op, chosen);
              run.commit();
              if (op.kind === "register") run.registered.add(pick(run.nodes, op.b).wallet);
              if (op.kind === "deregister") run.registered.delete(pick(run.nodes, op.b).wallet);
              byKind[op.kind].ok += 1;
            } catch (error) {
              if (error instanceof AssertionError) throw error;
              if (error instanceof Skip) counters.skipped += 1;
              else {
                counters.reverted += 1;
                byKind[op.kind].reverted += 1;
                const reason = /custom error '(\w+)/.exec(errorText(error))?.[1] ?? "other";
                reasons[`${op.kind}:${reason}`] = (reasons[`${op.kind}:${reason}`] ?? 0) + 1;
              }
            }
            counters.ops += 1;
            timing.op += performance.now() - opStart;
            const job = run.touched ?? chosen;
            const wrote = hash !== undefined || run.touched !== undefined;
            const observed = job !== undefined && wrote && !run.settled.has(job.id);
            if (observed) {
              const t = performance.now();
              await run.observe(job, hash, step);
              timing.observe += performance.now() - t;
            }
            const full = step % FULL_CHECK_EVERY === 0 || step === ops.length - 1;
            const t = performance.now();
            // (a step that observed a job already compared the asset held with holdings())
            if (full || (wrote && !observed)) await run.checkConservation(step, full);
            timing.check += performance.now() - t;
            // Every tenth step that wrote something also tries one settling path on one settled job.
            const settled = run.jobs.filter((j) => run.settled.has(j.id));
            if (wrote && settled.length > 0 && op.a % 10 === 0) {
              await run.expectCannotSettle(pick(settled, op.c), op.b);
            }
          }
          // (every path was tried on each job when it settled; at the end, one more on each)
          for (const job of run.jobs)
            if (run.settled.has(job.id)) await run.expectCannotSettle(job, runIndex);
          counters.settled += run.settlements;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true, verbose: 1 },
      );

      const seconds = (Date.now() - started) / 1000;
      console.log(
        `      property (${asset}): ${counters.ops} operations in ${seconds.toFixed(1)} s, ` +
          `${counters.reverted} reverted, ${counters.skipped} skipped (nothing to act on), ` +
          `${counters.settled} jobs settled`,
      );
      console.log(
        "      per kind (ok/reverted): " +
          Object.entries(byKind)
            .map(([k, v]) => `${k} ${v.ok}/${v.reverted}`)
            .join(", "),
      );
      if (VERBOSE) {
        const t = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        console.log(
          `      time: operations ${t(timing.op)}, job reads ${t(timing.observe)}, checks ${t(timing.check)}`,
        );
        const top = Object.entries(reasons).sort((a, b) => b[1] - a[1]);
        console.log("      revert reasons: " + top.map(([k, v]) => `${k} ${v}`).join(", "));
      }
      expect(counters.settled).to.be.greaterThan(0);
    });
  }),
);
