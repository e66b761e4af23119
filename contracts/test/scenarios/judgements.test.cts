// Contestable judgements (docs/rules.md §11.7) on the SPEC's worked example job (10 DOs at 1,000, 2 MPCs
// at 500, C = 10,000): overturned by the arbiter, overturned because the arbiter did not rule in time,
// partly overturned, overturned but timed out anyway, upheld by the arbiter, and the bond's dust — each
// settled on the market and checked against the money model's settleJudgement, after the amounts, the
// bond included, are checked by hand. (The draft's scenarios 5 and 6, unchallenged, are in failures.)
import { expect } from "chai";
import { creditOf, fineOfAccount } from "../../../src/protocol/money/index.ts";
import { expectRevert, receiptOf } from "../helpers/chain.cjs";
import { FailureReason, JobState } from "../helpers/jobs.cjs";
import { runFailureCase, type FailureCase } from "../helpers/scenarios.cjs";
import { forEachAsset, worldFixture, type World } from "../helpers/world.cjs";

const world = worldFixture();
const workedExample = (w: World) =>
  w
    .job()
    .dos(10, { price: 1000n * w.unit })
    .mpcs(2, { price: 500n * w.unit })
    .epochs(10);
const addr = (x: { account: { address: `0x${string}` } }) => x.account.address;

function setBondBps(w: World, judgementBondBps: number) {
  const p = { challengeWindowBlocks: 7200, arbitrationBlocks: 50400, judgementBondBps };
  return receiptOf(w.market.write.setTrustParameters([p], { account: w.admin.account }));
}

const CASES: FailureCase[] = [
  {
    name: "overturned by the arbiter: no fine, the QC gets all 12,100 back, the DO keeps C and gets the 1,000 bond",
    job: workedExample,
    fail: async (_w, job) => {
      const [accused] = job.dos;
      await job.judge([accused]);
      await job.challenge(accused);
      expect(await job.state()).to.equal(JobState.Challenged);
      return { offenders: [], judged: { named: [accused], ruling: [] }, settle: () => job.resolve([]) };
    },
    byHand: (e, job, w) => {
      const u = w.unit;
      expect(e.fines).to.deep.equal([]);
      expect(e.refund).to.equal(12_100n * u);
      expect(e.credits.map((c) => c.amount)).to.deep.equal([1_000n * u]); // the bond, to the DO
      expect(creditOf(e, addr(job.dos[0]))).to.equal(1_000n * u);
      expect([e.bondReleased, e.bondForfeited]).to.deep.equal([0n, 1_000n * u]);
    },
  },
  {
    name: "the arbiter does not rule in time: overturned for both named DOs, the 1,000 bond split 500 / 500",
    job: workedExample,
    fail: async (_w, job) => {
      const named = [job.dos[3], job.dos[4]];
      await job.judge(named);
      await job.challenge(job.dos[4]); // one challenge puts every named participant under arbitration
      await expectRevert(job.settleJudgement(), "JobMarketArbitrationPending");
      await job.passDeadline("arbitration");
      return { offenders: [], judged: { named, ruling: [] }, settle: () => job.settleJudgement() };
    },
    byHand: (e, job, w) => {
      const u = w.unit;
      // B = 10 % x (2 x floor(10,000 / 2)) = 1,000, all forfeited: 500 each
      expect([e.refund, e.bondReleased, e.bondForfeited]).to.deep.equal([12_100n * u, 0n, 1_000n * u]);
      for (const d of [job.dos[3], job.dos[4]]) expect(creditOf(e, addr(d))).to.equal(500n * u);
    },
  },
  {
    name: "partly overturned: the arbiter upholds one of two; it alone is fined 10,000; the other gets half the bond",
    job: workedExample,
    fail: async (_w, job) => {
      const [upheld, overturned] = [job.dos[3], job.dos[4]];
      await job.judge([upheld, overturned]);
      await job.challenge(upheld);
      return {
        offenders: [],
        judged: { named: [upheld, overturned], ruling: [upheld] },
        settle: () => job.resolve([upheld]),
      };
    },
    byHand: (e, job, w) => {
      const u = w.unit;
      // k = 1 now: the upheld DO loses all of C; 9 good DOs get 1,000 + 500 / 9; MPCs 375 / 2; the GDS 125 + dust.
      // The bond (1,000, set with k = 2) is forfeited for the overturned half: 500 to the overturned DO.
      expect(fineOfAccount(e, addr(job.dos[3]))).to.equal(10_000n * u);
      const doEach = (500n * u) / 9n;
      expect(creditOf(e, addr(job.dos[0]))).to.equal(1_000n * u + doEach);
      expect(creditOf(e, addr(job.dos[4]))).to.equal(1_000n * u + doEach + 500n * u);
      expect([e.bondReleased, e.bondForfeited]).to.deep.equal([500n * u, 500n * u]);
      expect(e.refund).to.equal(12_100n * u);
    },
  },
  {
    name: "overturned, but timed out at the judgement block: still fined (HeartbeatTimeout), the whole bond back to the GDS",
    job: workedExample,
    fail: async (w, job) => {
      const [silent] = job.dos;
      await w.timeOutAllBut(job.participants.filter((p) => p !== silent));
      await job.judge([silent]);
      await w.heartbeat(silent); // too late: the judgement froze its liveness
      expect(await job.isTimedOut(silent)).to.equal(true);
      await job.challenge(silent);
      return {
        offenders: [],
        judged: { named: [silent], timedOut: [silent], ruling: [] },
        settle: () => job.resolve([]),
      };
    },
    byHand: (e, job, w) => {
      const u = w.unit;
      expect(e.fines).to.deep.equal([
        { account: addr(job.dos[0]), amount: 10_000n * u, reason: FailureReason.HeartbeatTimeout },
      ]);
      expect([e.bondReleased, e.bondForfeited]).to.deep.equal([1_000n * u, 0n]);
    },
  },
  {
    name: "upheld by the arbiter: settled exactly as an unchallenged judgement, the bond back to the GDS",
    job: workedExample,
    fail: async (_w, job) => {
      const [accused] = job.mpcs;
      await job.judge([accused]);
      await job.challenge(accused);
      return {
        offenders: [],
        judged: { named: [accused], ruling: [accused] },
        settle: () => job.resolve([accused]),
      };
    },
    byHand: (e, job, w) => {
      const u = w.unit;
      expect(fineOfAccount(e, addr(job.mpcs[0]))).to.equal(10_000n * u);
      for (const d of job.dos) expect(creditOf(e, addr(d))).to.equal(1_000n * u); // the pool pays the fees, no more
      expect([e.bondReleased, e.bondForfeited]).to.deep.equal([1_000n * u, 0n]);
    },
  },
  {
    name: "the bond is set by the bps the job snapshotted when it was placed, not by a later change",
    job: (w) => w.job().dos(3, { price: 1000n }),
    fail: async (w, job) => {
      await setBondBps(w, 1234);
      // the job snapshotted 1,000 bps when it was placed: bond 300, split 100 / 100 / 100
      await job.judge(job.dos);
      await job.challenge(job.dos[2]);
      await job.passDeadline("arbitration");
      return { offenders: [], judged: { named: job.dos, ruling: [] }, settle: () => job.settleJudgement() };
    },
    byHand: (e) => {
      expect(e.credits.map((c) => c.amount)).to.deep.equal([100n, 100n, 100n]);
    },
  },
  {
    name: "the forfeited bond's dust goes to the first overturned participant (1,234 bps: 370 = 124 + 123 + 123)",
    setup: async (w) => {
      await setBondBps(w, 1234);
    },
    job: (w) => w.job().dos(3, { price: 1000n }),
    fail: async (_w, job) => {
      await job.judge(job.dos);
      await job.challenge(job.dos[2]);
      await job.passDeadline("arbitration");
      return { offenders: [], judged: { named: job.dos, ruling: [] }, settle: () => job.settleJudgement() };
    },
    byHand: (e) => {
      expect(e.credits.map((c) => c.amount)).to.deep.equal([124n, 123n, 123n]);
    },
  },
];

forEachAsset((asset) =>
  describe(`scenarios: contestable judgements (docs/rules.md §11.7) · ${asset}`, () => {
    for (const c of CASES) {
      it(c.name, async () => {
        await runFailureCase(await world(asset), c);
      });
    }
  }),
);
