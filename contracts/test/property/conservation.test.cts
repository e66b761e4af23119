// Property: whatever anyone does, in any order, the market holds exactly what it owes.
// fast-check generates long random sequences of operations across several jobs and nodes; many revert
// (that is fine and counted). After EVERY step: coin balance == sum of every account's free + locked
// stake + the QC payments of jobs not yet settled (every FULL_CHECK_EVERY steps re-read job by job;
// after a step that wrote nothing — a revert, mined blocks — only the coin balance is re-read);
// every settlement conserves value to the wei (its events against what the QC had paid); and a settled
// job can never be settled again by any path (simulated: settleAbort, cancelJob by QC and GDS,
// reportFailure of both reasons; all of them when it settles and at the end of each run, one random
// path on one random settled job after every step that wrote something).
// Env: FEDPAY_PROPERTY_OPS total operations (default 10,000: ~75-90 s on the 2-core CI box),
// FEDPAY_PROPERTY_SEED to replay a run, FEDPAY_PROPERTY_VERBOSE=1 for revert reasons and timings.
import hre from "hardhat";
import { AssertionError, expect } from "chai";
import fc from "fast-check";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import type { Address, Hash } from "viem";
import { sumOf } from "../../../src/protocol/money/index.ts";
import { errorText } from "../helpers/chain.cjs";
import { ALL, JobState as STATE, Role, Status as STATUS, TaskType as TASK } from "../helpers/jobs.cjs";
import { emittedSettlement } from "../helpers/settlement.cjs";
import { forEachAsset, worldFixture, type Market, type Wallet, type World } from "../helpers/world.cjs";

const TOTAL_OPS = Number(process.env.FEDPAY_PROPERTY_OPS ?? 10_000);
const OPS_PER_RUN = Math.min(1_000, TOTAL_OPS);
const RUNS = Math.max(1, Math.round(TOTAL_OPS / OPS_PER_RUN));
const SEED = process.env.FEDPAY_PROPERTY_SEED ? Number(process.env.FEDPAY_PROPERTY_SEED) : undefined;

// Short deadlines so random runs reach timeouts, expiries and abort graces often.
// Every operation mines a block (Hardhat mines reverted transactions too).
const TIMEOUT_BLOCKS = 60;
const EXPIRY_BLOCKS = 120;
const GRACE_BLOCKS = 15;
const INITIAL_STAKE = 6_000n;
const FULL_CHECK_EVERY = 50;

// The DOs and MPCs of the world, all but the last of each registered (registering, deregistering and
// re-registering are random operations too).
const world = worldFixture({
  stake: INITIAL_STAKE,
  registeredDos: 9,
  registeredMpcs: 5,
  parameters: {
    timeoutBlocks: TIMEOUT_BLOCKS,
    orderExpiryBlocks: EXPIRY_BLOCKS,
    abortGraceBlocks: GRACE_BLOCKS,
  },
});

interface PropertyWorld {
  w: World;
  market: Market;
  probe: Awaited<ReturnType<typeof deployProbe>>;
  gds: Wallet;
  qcs: Wallet[];
  nodes: { wallet: Wallet; role: number }[];
  stranger: Wallet;
  everyone: Address[];
}

const deployProbe = () => hre.viem.deployContract("InvariantProbe", []);

async function propertyWorld(w: World): Promise<PropertyWorld> {
  const nodes = [
    ...w.dos.map((wallet) => ({ wallet, role: Role.DO as number })),
    ...w.mpcs.map((wallet) => ({ wallet, role: Role.MPC as number })),
  ];
  const probe = await deployProbe();
  // Every account an operation can touch (the admin only sets parameters, before the run): each one
  // that can hold money, whether or not it did yet.
  const everyone = [w.gds, ...w.qcs, w.stranger, ...nodes.map((n) => n.wallet)].map(
    (x) => x.account.address.toLowerCase() as Address,
  );
  return { w, market: w.market, probe, gds: w.gds, qcs: w.qcs, nodes, stranger: w.stranger, everyone };
}

const OP_KINDS = [
  ["register", 3],
  ["deposit", 2],
  ["withdraw", 3],
  ["deregister", 1],
  ["heartbeat", 4],
  ["placeOrder", 3],
  ["placeAndDispatch", 4],
  ["submitQuery", 6],
  ["assignMpcs", 5],
  ["update", 20],
  ["fail", 2],
  ["requestReplacement", 2],
  ["replaceMpc", 3],
  ["mine", 6],
  ["reportFailure", 4],
  ["settleAbort", 3],
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
  reportFailure: [STATE.Dispatched],
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
  totalEpochs: number;
  mpcCount: number;
}

/** An operation that had nothing to act on (no job yet, no MPC): not sent, not a revert. */
class Skip extends Error {}

interface Counters {
  ops: number;
  skipped: number;
  reverted: number;
  settled: number;
  byKind: Record<string, { ok: number; reverted: number }>;
  reasons: Record<string, number>;
}

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
  view: {
    role: number;
    reported: boolean;
    lastStatus: { taskType: number; epoch: number; batch: number; status: number };
  },
  jobType: number,
  totalEpochs: number,
  kind: number,
  r: number,
) {
  const last = view.lastStatus;
  const psiDone =
    view.reported && (last.taskType === TASK.Training || (last.taskType === TASK.PSI && last.epoch === ALL));
  let task: number;
  if (jobType === 1 /* Vertical */ && !psiDone) {
    if (kind % 3 === 0) return { taskType: TASK.PSI, epoch: ALL, batch: ALL, status: STATUS.Completed };
    return { taskType: TASK.PSI, epoch: r % 3, batch: ALL, status: STATUS.Completed };
  }
  if (jobType === 1) task = TASK.Training;
  else task = view.role === Role.DO ? TASK.Training : TASK.Aggregation;
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

forEachAsset((asset) =>
  describe(`property: value is conserved under random operations · ${asset}`, function () {
    this.timeout(20 * 60_000);

    it(`holds for ${RUNS} run(s) of ${OPS_PER_RUN} random operations`, async () => {
      const counters: Counters = { ops: 0, skipped: 0, reverted: 0, settled: 0, byKind: {}, reasons: {} };
      for (const [kind] of OP_KINDS) counters.byKind[kind] = { ok: 0, reverted: 0 };
      const started = Date.now();
      const timing = { op: 0, probe: 0 };
      let runIndex = 0;

      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: OPS_PER_RUN, maxLength: OPS_PER_RUN }), async (ops) => {
          runIndex += 1;
          const w = await propertyWorld(await world(asset));
          const client = await hre.viem.getPublicClient();
          const jobs: JobRecord[] = [];
          const settledJobs = new Set<Hash>();
          // Job states only change through operations on that job, so a cache refreshed after each
          // successful operation is exact; it lets most operations target a job in a fitting state.
          const stateOf = new Map<Hash, number>();
          let touched: JobRecord | undefined; // a job created by the current step
          const chooseJob = (op: Op): JobRecord | undefined => {
            const wanted = WANTED_STATES[op.kind];
            if (jobs.length === 0 || !wanted) return undefined; // node and money operations need no job
            const fitting = jobs.filter((j) => wanted.includes(stateOf.get(j.id) ?? 0));
            // One operation in eight goes to any job at all, to exercise the wrong-state reverts.
            if (fitting.length === 0 || op.d % 8 === 0) return pick(jobs, op.a);
            return pick(fitting, op.a);
          };

          // What the QC has paid into each job, read from getJob after every successful operation on
          // that job (the only way `paid` can change); every FULL_CHECK_EVERY steps and at the end the
          // probe re-reads every job from the chain, which also proves this cache right.
          const paidOf = new Map<Hash, bigint>();
          const cachedUnsettled = () => jobs.filter((j) => (stateOf.get(j.id) ?? 0) <= STATE.Aborting);
          let lastObligations = -1n;
          const checkConservation = async (step: number, full: boolean, stateChanged: boolean) => {
            const unsettled = cachedUnsettled();
            const cachedPaid = unsettled.reduce((sum, j) => sum + (paidOf.get(j.id) ?? 0n), 0n);
            if (!stateChanged && !full && lastObligations >= 0n) {
              // A reverted transaction or mined blocks write nothing: obligations are as after the last
              // step, so only the coin balance needs reading (cheap), against them.
              const coins = await w.w.marketHoldings();
              expect(coins, `run ${runIndex} step ${step}: coin balance vs obligations`).to.equal(
                lastObligations,
              );
              return;
            }
            const [coins, stakes] = await w.probe.read.obligations([w.market.address, w.everyone, []]);
            expect(coins, `run ${runIndex} step ${step}: coin balance vs obligations`).to.equal(
              stakes + cachedPaid,
            );
            lastObligations = stakes + cachedPaid;
            if (!full) return;
            const [, owed, unsettledOnChain] = await w.probe.read.obligations([
              w.market.address,
              w.everyone,
              jobs.map((j) => j.id),
            ]);
            expect(owed, `run ${runIndex} step ${step}: obligations read in full`).to.equal(
              stakes + cachedPaid,
            );
            expect(unsettledOnChain).to.equal(BigInt(unsettled.length));
          };

          /** Tries every settling path on a settled job (all of them, or only the `only`-th). */
          const expectCannotSettle = async (job: JobRecord, only?: number) => {
            const [dos] = await w.market.read.getParticipants([job.id]);
            const someone = dos.length > 0 ? dos[0] : w.stranger.account.address;
            const allAttempts: Array<() => Promise<unknown>> = [
              () => w.market.simulate.settleAbort([job.id], { account: w.gds.account.address }),
              () => w.market.simulate.cancelJob([job.id], { account: job.qc.account.address }),
              () => w.market.simulate.cancelJob([job.id], { account: w.gds.account.address }),
              () =>
                w.market.simulate.reportFailure([job.id, [someone], 2], { account: w.gds.account.address }),
              () =>
                w.market.simulate.reportFailure([job.id, [someone], 1], {
                  account: w.stranger.account.address,
                }),
            ];
            const attempts = only === undefined ? allAttempts : [allAttempts[only % allAttempts.length]];
            for (const attempt of attempts) {
              let reverted = false;
              try {
                await attempt();
              } catch {
                reverted = true;
              }
              expect(reverted, `settled job ${job.id} settled again`).to.equal(true);
            }
          };

          // Registration only changes through register / deregister steps, so this cache is exact.
          const registered = new Set(w.nodes.filter((_, i) => i !== 9 && i !== 15).map((n) => n.wallet));
          // Mostly registered nodes; one pick in ten from every node of the role, to exercise WrongRole.
          const nodesWithRole = (role: number, seed = 1) =>
            w.nodes
              .filter((n) => n.role === role && (seed % 10 === 0 || registered.has(n.wallet)))
              .map((n) => n.wallet);

          for (let step = 0; step < ops.length; step++) {
            const op = ops[step];
            const opStart = performance.now();
            touched = undefined;
            const chosen = chooseJob(op);
            const paidBefore = chosen ? (paidOf.get(chosen.id) ?? 0n) : 0n;
            let hash: Hash | undefined;
            try {
              hash = await runOp(op, chosen);
              if (op.kind === "register") registered.add(pick(w.nodes, op.b).wallet);
              if (op.kind === "deregister") registered.delete(pick(w.nodes, op.b).wallet);
              counters.byKind[op.kind].ok += 1;
            } catch (error) {
              if (error instanceof AssertionError) throw error;
              if (error instanceof Skip) counters.skipped += 1;
              else {
                counters.reverted += 1;
                counters.byKind[op.kind].reverted += 1;
                const reason = /custom error '(\w+)/.exec(errorText(error))?.[1] ?? "other";
                const key = `${op.kind}:${reason}`;
                counters.reasons[key] = (counters.reasons[key] ?? 0) + 1;
              }
            }
            counters.ops += 1;

            timing.op += performance.now() - opStart;
            const job = touched ?? chosen;
            if (job && (hash || touched) && !settledJobs.has(job.id)) {
              const view = await w.market.read.getJob([job.id]);
              stateOf.set(job.id, view.state);
              paidOf.set(job.id, view.paid);
              if (hash && view.state >= STATE.Completed) {
                settledJobs.add(job.id);
                counters.settled += 1;
                const receipt = await client.getTransactionReceipt({ hash });
                const events = emittedSettlement({ w: w.w, id: job.id }, receipt);
                expect(sumOf(events.credits) + sumOf(events.refunds), `settlement of ${job.id}`).to.equal(
                  paidBefore + sumOf(events.fines),
                );
                await expectCannotSettle(job);
              }
            }
            const probeStart = performance.now();
            const stateChanged = hash !== undefined || touched !== undefined;
            await checkConservation(
              step,
              step % FULL_CHECK_EVERY === 0 || step === ops.length - 1,
              stateChanged,
            );
            // Every step that wrote something also tries one settling path on one already settled job
            // (all paths on all of them at the end of the run).
            const settledList = jobs.filter((j) => settledJobs.has(j.id));
            if (stateChanged && settledList.length > 0)
              await expectCannotSettle(pick(settledList, op.c), op.b);
            timing.probe += performance.now() - probeStart;
          }
          for (const job of jobs) if (settledJobs.has(job.id)) await expectCannotSettle(job);

          /** Places a random order; the new job joins the pool only if the order succeeded. */
          async function placeRandomOrder(op: Op): Promise<{ hash: Hash; job: JobRecord }> {
            const m = w.market;
            const jobType = op.b % 2;
            const dos = pickDistinct(nodesWithRole(Role.DO, op.a), 1 + (op.c % 4), op.d);
            const doPrices = dos.map((_, i) => BigInt(1 + ((op.d >> i) % 100)));
            const factor = 1 + (op.a % 3);
            const mpcCount = 1 + (op.c % 2);
            const totalEpochs = 1 + (op.a % 3);
            const qc = pick(w.qcs, op.c >> 4);
            const id =
              `0x${(jobs.length + 1).toString(16).padStart(8, "0")}${op.d.toString(16).padStart(24, "0")}` as Hash;
            const quote = BigInt(op.b % 3_000);
            const hash = await m.write.placeOrder(
              [
                id,
                jobType,
                qc.account.address,
                dos.map((d) => d.account.address),
                doPrices,
                factor,
                mpcCount,
                totalEpochs,
                quote,
              ],
              { account: w.gds.account },
            );
            jobs.push({ id, jobType, qc, totalEpochs, mpcCount });
            stateOf.set(id, STATE.Ordered);
            return { hash, job: jobs[jobs.length - 1] };
          }

          async function runOp(op: Op, job: JobRecord | undefined): Promise<Hash | undefined> {
            const m = w.market;
            const node = pick(w.nodes, op.b);
            switch (op.kind) {
              case "register":
                return m.write.registerNode([node.role], {
                  account: node.wallet.account,
                  value: w.w.value(BigInt(op.c % 60_000)),
                });
              case "deposit":
                return m.write.deposit({
                  account: node.wallet.account,
                  value: w.w.value(BigInt(1 + (op.c % 20_000))),
                });
              case "withdraw": {
                const who = pick([...w.nodes.map((n) => n.wallet), w.gds, ...w.qcs], op.b);
                const balance = await m.read.balanceOf([who.account.address]);
                const amount = op.d % 5 === 0 ? balance + 1n : (balance * BigInt(op.c % 101)) / 100n;
                return m.write.withdraw([amount], { account: who.account });
              }
              case "deregister":
                return m.write.deregisterNode({ account: node.wallet.account });
              case "heartbeat":
                return m.write.heartbeat({ account: node.wallet.account });
              case "mine":
                // Mostly a few blocks; one time in ten a jump past the timeout.
                await mine(1 + (op.c % (op.d % 10 === 0 ? 2 * TIMEOUT_BLOCKS : 8)));
                return undefined;
              case "placeOrder":
                return (await placeRandomOrder(op)).hash;
              case "placeAndDispatch": {
                // Place, assign and pay in full in one step: a steady supply of dispatched jobs.
                const placed = await placeRandomOrder(op);
                touched = placed.job;
                const mpcs = pickDistinct(nodesWithRole(Role.MPC, op.a), placed.job.mpcCount, op.c);
                await m.write.assignMpcs(
                  [placed.job.id, mpcs.map((x) => x.account.address), BigInt(1 + (op.b % 60))],
                  { account: w.gds.account },
                );
                const view = await m.read.getJob([placed.job.id]);
                return m.write.submitQuery([placed.job.id], {
                  account: placed.job.qc.account,
                  value: w.w.value(view.totalPrice - view.paid + BigInt(op.d % 3)),
                });
              }
              case "submitQuery": {
                if (!job) throw new Skip();
                const view = await m.read.getJob([job.id]);
                const due = view.totalPrice > view.paid ? view.totalPrice - view.paid : 0n;
                const value = [due, due / 2n, due + BigInt(op.c % 500), 0n, BigInt(op.c % 3_000)][op.b % 5];
                const from = op.d % 10 === 0 ? w.stranger : job.qc;
                return m.write.submitQuery([job.id], { account: from.account, value: w.w.value(value) });
              }
              case "assignMpcs": {
                if (!job) throw new Skip();
                const count = op.d % 8 === 0 ? job.mpcCount + 1 : job.mpcCount;
                const mpcs = pickDistinct(nodesWithRole(Role.MPC, op.a), count, op.c);
                const price = BigInt(1 + (op.b % 60));
                return m.write.assignMpcs([job.id, mpcs.map((x) => x.account.address), price], {
                  account: w.gds.account,
                });
              }
              case "update":
              case "fail": {
                if (!job) throw new Skip();
                const progress = await m.read.getProgress([job.id]);
                if (progress.length === 0) throw new Skip();
                const p = pick(progress, op.b);
                let status = nextStatus(p, job.jobType, job.totalEpochs, op.c, op.d);
                if (op.kind === "fail") status = { ...status, status: STATUS.Failed };
                const who = w.nodes.find(
                  (n) => n.wallet.account.address.toLowerCase() === p.account.toLowerCase(),
                );
                const sender = who && op.d % 13 !== 0 ? who.wallet : w.stranger;
                return m.write.updateJobStatus([job.id, status], { account: sender.account });
              }
              case "requestReplacement": {
                if (!job) throw new Skip();
                const [dos, , mpcs] = await m.read.getParticipants([job.id]);
                if (dos.length === 0 || mpcs.length === 0) throw new Skip();
                const requester = w.nodes.find(
                  (n) => n.wallet.account.address.toLowerCase() === pick(dos, op.b).toLowerCase(),
                );
                return m.write.requestMpcReplacement([job.id, pick(mpcs, op.c)], {
                  account: (requester?.wallet ?? w.stranger).account,
                });
              }
              case "replaceMpc": {
                if (!job) throw new Skip();
                const [, , mpcs] = await m.read.getParticipants([job.id]);
                if (mpcs.length === 0) throw new Skip();
                const fresh = pick(nodesWithRole(Role.MPC, op.a), op.c);
                return m.write.replaceMpc([job.id, pick(mpcs, op.b), fresh.account.address], {
                  account: w.gds.account,
                });
              }
              case "reportFailure": {
                if (!job) throw new Skip();
                const progress = await m.read.getProgress([job.id]);
                const late = progress.filter((p) => p.timedOut).map((p) => p.account);
                const named =
                  op.b % 3 !== 0 && late.length > 0
                    ? late.slice(0, 1 + (op.c % late.length))
                    : progress.length > 0
                      ? [pick(progress, op.c).account]
                      : [w.stranger.account.address];
                const reason = op.d % 3 === 0 ? 2 : 1;
                const by = reason === 2 && op.d % 2 === 0 ? w.gds : pick([w.stranger, job.qc, w.gds], op.d);
                return m.write.reportFailure([job.id, named, reason], { account: by.account });
              }
              case "settleAbort": {
                if (!job) throw new Skip();
                const by = op.b % 2 === 0 ? w.gds : w.stranger;
                return m.write.settleAbort([job.id], { account: by.account });
              }
              case "cancel": {
                if (!job) throw new Skip();
                const by = pick([job.qc, w.gds, w.stranger], op.b);
                return m.write.cancelJob([job.id], { account: by.account });
              }
            }
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true, verbose: 1 },
      );

      const seconds = (Date.now() - started) / 1000;
      console.log(
        `      property: ${counters.ops} operations in ${seconds.toFixed(1)} s, ${counters.reverted} reverted, ` +
          `${counters.skipped} skipped (nothing to act on), ` +
          `${counters.settled} jobs settled`,
      );
      console.log(
        "      per kind (ok/reverted): " +
          Object.entries(counters.byKind)
            .map(([k, v]) => `${k} ${v.ok}/${v.reverted}`)
            .join(", "),
      );
      if (process.env.FEDPAY_PROPERTY_VERBOSE) {
        const top = Object.entries(counters.reasons).sort((a, b) => b[1] - a[1]);
        console.log(
          `      time in operations ${(timing.op / 1000).toFixed(1)} s, in the invariant probe ${(timing.probe / 1000).toFixed(1)} s`,
        );
        console.log("      revert reasons: " + top.map(([k, v]) => `${k} ${v}`).join(", "));
      }
      expect(counters.settled).to.be.greaterThan(0);
    });
  }),
);
