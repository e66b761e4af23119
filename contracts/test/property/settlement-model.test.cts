// Differential tests of the settlements: random jobs (random terms, parameters, progress, silences and
// offenders) are settled on the market by completion, reportFailure, settleAbort, cancelJob and every
// way a judgement ends, and every credit, refund, fine, collateral release and bond is compared with the
// money model's settleCompleted / settleFailure / settleCancelled / settleJudgement, to the wei and event
// by event.
// Env: FEDPAY_DIFF_JOBS (default 30 random jobs per way of settling, per asset).
import { expect } from "chai";
import fc from "fast-check";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import {
  judgementBond,
  settleCancelled,
  settleCompleted,
  settleFailure,
  settleJudgement,
  type OffenderMark,
  type Shares,
} from "../../../src/protocol/money/index.ts";
import { FailureReason, JobState, JobType, offenders, TaskType, type Job } from "../helpers/jobs.cjs";
import { expectSettlement } from "../helpers/settlement.cjs";
import {
  addressOf,
  forEachAsset,
  worldFixture,
  type Parameters,
  type Wallet,
  type World,
} from "../helpers/world.cjs";

const JOBS = Number(process.env.FEDPAY_DIFF_JOBS ?? 30);
const world = worldFixture();
const { SelfReported, HeartbeatTimeout } = FailureReason;

const bps = fc.oneof(fc.constantFrom(0, 10_000), fc.integer({ min: 0, max: 10_000 }));
const shares: fc.Arbitrary<Shares> = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.boolean())
  .map(([a, b, zeroMpc]) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return (zeroMpc ? [lo, 0, 10_000 - lo] : [lo, hi - lo, 10_000 - hi]) as Shares;
  });

/** What each participant does: epochs it completes, whether it finishes its part, whether it goes silent. */
const behaviourArb = fc.record({ epochs: fc.nat(4), finishes: fc.boolean(), silent: fc.boolean() });

const jobArb = fc.record({
  jobType: fc.constantFrom(JobType.Horizontal, JobType.Vertical),
  doPrices: fc.array(fc.bigInt({ min: 1n, max: 10n ** 6n }), { minLength: 1, maxLength: 5 }),
  factor: fc.integer({ min: 1, max: 3 }),
  mpcCount: fc.integer({ min: 1, max: 3 }),
  mpcPrice: fc.bigInt({ min: 1n, max: 10n ** 5n }),
  totalEpochs: fc.integer({ min: 1, max: 4 }),
  overpay: fc.bigInt({ min: 0n, max: 1_000n }),
  params: fc.record({
    timeoutBlocks: fc.integer({ min: 8, max: 30 }),
    gdsFeeBps: bps,
    fines: fc.tuple(bps, bps).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
    cancelFineBps: bps,
    horizontalShares: shares,
    verticalShares: shares,
  }),
  behaviour: fc.array(behaviourArb, { minLength: 8, maxLength: 8 }),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  choice: fc.nat(),
});
type RandomJob = typeof jobArb extends fc.Arbitrary<infer T> ? T : never;

interface Running {
  w: World;
  job: Job;
  params: Parameters;
  /** the participants that went silent (timed out when the settling transaction lands) */
  silent: Set<Wallet>;
  finished: Set<Wallet>;
  completed: Map<Wallet, number>;
}

/** Sets the random parameters, places, assigns and pays the random job (not yet dispatched if `pay` is short). */
async function start(w: World, r: RandomJob, pay: "full" | "none" = "full"): Promise<Running> {
  const params = await w.setParameters({
    timeoutBlocks: r.params.timeoutBlocks,
    gdsFeeBps: r.params.gdsFeeBps,
    selfReportFineBps: r.params.fines[0],
    detectedFineBps: r.params.fines[1],
    cancelFineBps: r.params.cancelFineBps,
    horizontalShares: [...r.params.horizontalShares] as [number, number, number],
    verticalShares: [...r.params.verticalShares] as [number, number, number],
  });
  const job = await w
    .job()
    .parameters(params)
    .type(r.jobType)
    .dos(r.doPrices.length, { prices: r.doPrices })
    .factor(r.factor)
    .mpcs(r.mpcCount, { price: r.mpcPrice })
    .epochs(r.totalEpochs)
    .assigned();
  if (pay === "full") await job.pay(job.total + r.overpay);
  return { w, job, params, silent: new Set(), finished: new Set(), completed: new Map() };
}

/**
 * Random progress: Vertical participants end their PSI stage; each participant completes some epochs
 * and maybe its part (never all of those the job completes on), then the silent ones stop while the
 * others heartbeat past the timeout. `keep` is not finished and not silent (a reporter).
 */
async function progress(run: Running, r: RandomJob, keep?: Wallet): Promise<void> {
  const { job, w } = run;
  const vertical = job.jobType === JobType.Vertical;
  const all = job.participants;
  if (vertical) for (const p of all) await job.complete(p, TaskType.PSI);
  const counted = vertical ? job.mpcs : job.dos; // the job completes when all of these finish
  for (const [i, p] of all.entries()) {
    const b = r.behaviour[i];
    const trains = vertical || job.dos.includes(p);
    const epochs = trains ? Math.min(b.epochs, job.totalEpochs) : 0;
    if (epochs > 0) await job.completeEpochs(p, epochs);
    run.completed.set(p, epochs);
    const lastCounted = counted.every((c) => c === p || run.finished.has(c));
    if (b.finishes && p !== keep && !(counted.includes(p) && lastCounted)) {
      await job.complete(p);
      run.finished.add(p);
      if (trains) run.completed.set(p, job.totalEpochs);
    } else if (b.silent && p !== keep) {
      run.silent.add(p);
    }
  }
  await mine(run.params.timeoutBlocks + 1);
  await w.heartbeat(...all.filter((p) => !run.silent.has(p)));
}

const marks = (list: [Wallet, number][]): OffenderMark[] => offenders(...list);

forEachAsset((asset) =>
  describe(`money model = contract, settlement by settlement (random jobs) · ${asset}`, function () {
    this.timeout(300_000);

    it("completion: every participant its fee, the GDS the rest, the QC its overpayment", async () => {
      await fc.assert(
        fc.asyncProperty(jobArb, async (r) => {
          const run = await start(await world(asset), r);
          const { job } = run;
          const expected = settleCompleted(job.money(), job.members());
          await expectSettlement(job, expected, JobState.Completed, () => job.completeAll());
        }),
        { numRuns: JOBS },
      );
    });

    it("reportFailure (HeartbeatTimeout): the named plus everyone timed out; good DOs their full fee", async () => {
      await fc.assert(
        fc.asyncProperty(jobArb, async (r) => {
          const run = await start(await world(asset), r);
          const { job, w } = run;
          await progress(run, r);
          const silent = job.participants.filter((p) => run.silent.has(p));
          fc.pre(silent.length > 0);
          const named = [...new Set(r.picks.map((i) => silent[i % silent.length]))];
          const list = silent.map((p): [Wallet, number] => [p, HeartbeatTimeout]);
          const expected = settleFailure(
            job.money(),
            job.members(),
            marks(list),
            job.failureTerms(false, run.params),
          );
          const report = () => job.report(named, HeartbeatTimeout, w.stranger);
          await expectSettlement(job, expected, JobState.Failed, report, [w.stranger]);
        }),
        { numRuns: JOBS },
      );
    });

    it("judgements: upheld after the window, ruled by the arbiter, or overturned at the arbitration deadline; bonds included", async () => {
      await fc.assert(
        fc.asyncProperty(jobArb, fc.constantFrom("window", "arbiter", "timeout"), async (r, how) => {
          const w = await world(asset);
          const run = await start(w, r);
          const { job } = run;
          await progress(run, r);
          const named = [...new Set(r.picks.map((i) => job.participants[i % job.participants.length]))];
          const timedOut = job.participants.filter((p) => run.silent.has(p));
          await job.judge(named);
          const k = new Set([...named, ...timedOut]).size;
          const bond = judgementBond(job.collateral, run.params.detectedFineBps, named.length, k, 1000);
          expect((await job.view()).bond, "the bond").to.equal(bond);
          let ruling: Wallet[] | "upheld" = "upheld";
          let settle = () => job.settleJudgement();
          if (how === "window") {
            await job.passDeadline("challenge");
          } else {
            await job.challenge(named[r.choice % named.length]);
            if (how === "arbiter") {
              const upheld = named.filter((_, i) => (r.choice >> i) % 2 === 1);
              ruling = upheld;
              settle = () => job.resolve(upheld);
            } else {
              ruling = [];
              await job.passDeadline("arbitration");
            }
          }
          const facts = { named: named.map(addressOf), timedOut: timedOut.map(addressOf), bond };
          const asRuling = ruling === "upheld" ? "upheld" : ruling.map(addressOf);
          const { byEpochs: _, ...terms } = job.failureTerms(false, run.params);
          const expected = settleJudgement(job.money(), job.members(), facts, asRuling, terms);
          await expectSettlement(job, expected, JobState.Failed, settle, [w.stranger, w.arbiter]);
        }),
        { numRuns: JOBS },
      );
    });

    it("settleAbort: the reporter plus everyone timed out at the abort block; good DOs paid by epochs", async () => {
      await fc.assert(
        fc.asyncProperty(jobArb, async (r) => {
          const w = await world(asset);
          const probe = await start(w, r, "none");
          // Who reports Failed: a DO, or a Vertical MPC (a Horizontal MPC's report asks for its replacement).
          const candidates = probe.job.jobType === JobType.Vertical ? probe.job.participants : probe.job.dos;
          const reporter = candidates[r.choice % candidates.length];
          const late = r.behaviour[7].silent; // the reporter itself went silent first: its report is late
          await probe.job.pay(probe.job.total + r.overpay);
          const run = probe;
          const { job } = run;
          await progress(run, r, reporter);
          if (late) {
            await mine(run.params.timeoutBlocks + 1);
            await w.heartbeat(...job.participants.filter((p) => p !== reporter && !run.silent.has(p)));
          }
          await job.fail(reporter);
          expect(await job.state()).to.equal(JobState.Aborting);
          const list: [Wallet, number][] = job.participants.flatMap((p): [Wallet, number][] =>
            p === reporter
              ? [[p, late ? HeartbeatTimeout : SelfReported]]
              : run.silent.has(p)
                ? [[p, HeartbeatTimeout]]
                : [],
          );
          const expected = settleFailure(
            job.money(),
            job.members(run.completed),
            marks(list),
            job.failureTerms(true, run.params),
          );
          await expectSettlement(job, expected, JobState.Failed, () => job.settleAbort());
        }),
        { numRuns: JOBS },
      );
    });

    it("cancelJob: before dispatch a full refund; after it the fine shared by fee", async () => {
      await fc.assert(
        fc.asyncProperty(jobArb, async (r) => {
          const w = await world(asset);
          const dispatched = r.choice % 2 === 0;
          const run = await start(w, r, dispatched ? "full" : "none");
          const { job } = run;
          if (!dispatched && r.overpay > 0n)
            await job.pay(job.total > r.overpay ? r.overpay : job.total - 1n);
          const expected = settleCancelled(
            { ...job.money(), dispatched, cancelFineBps: run.params.cancelFineBps },
            job.members(),
          );
          const by = dispatched || r.picks[0] % 2 === 0 ? job.qc : w.gds;
          await expectSettlement(job, expected, JobState.Cancelled, () => job.cancel(by));
        }),
        { numRuns: JOBS },
      );
    });
  }),
);
