// The finer rules of docs/rules.md §5–7, each pinned to the wei or to the block: timeout boundaries,
// frozen liveness after a Failed report, completed parts that cannot time out, the abort-block snapshot
// of offenders, compensation shrunk in proportion, the all-offenders refund to the QC, the per-job
// parameter snapshot (a table of settlements against the money model), and MPC re-assignment.
import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { creditOf } from "../../../src/protocol/money/index.ts";
import { blockNumber, expectRevert } from "../helpers/chain.cjs";
import { FailureReason, TaskType } from "../helpers/jobs.cjs";
import { runFailureCase, type FailureCase } from "../helpers/scenarios.cjs";
import { forEachAsset, worldFixture } from "../helpers/world.cjs";

const world = worldFixture();
const { SelfReported, HeartbeatTimeout } = FailureReason;
const addr = (x: { account: { address: `0x${string}` } }) => x.account.address;

const CASES: FailureCase[] = [
  {
    name: "after reporting Failed, an MPC's liveness in the job freezes: heartbeats no longer save it",
    job: (w) => w.job().dos(2, { price: 10n }).mpcs(2, { price: 1n }).epochs(1),
    fail: async (w, job) => {
      // Horizontal: an MPC's Failed is a replacement request; the GDS does not act on it.
      await job.fail(job.mpcs[1]);
      await w.timeOutAllBut(job.participants); // mpcs[1] heartbeats too
      expect(await job.isTimedOut(job.mpcs[1])).to.equal(true);
      expect(await job.isTimedOut(job.mpcs[0])).to.equal(false);
      return {
        offenders: [[job.mpcs[1], HeartbeatTimeout]],
        settle: () => job.report([job.mpcs[1]], HeartbeatTimeout, w.stranger),
      };
    },
  },
  {
    name: "a DO that completed its part cannot time out and is paid in full when another DO times out",
    job: (w) =>
      w
        .job()
        .dos(3, { prices: [30n, 50n, 70n] })
        .mpcs(1, { price: 9n })
        .epochs(1),
    fail: async (w, job) => {
      await job.completeEpochs(job.dos[0], 1);
      await job.complete(job.dos[0]); // then silent for ever
      await w.timeOutAllBut([job.dos[1], job.mpcs[0]]);
      expect(await job.isTimedOut(job.dos[0])).to.equal(false);
      return {
        offenders: [[job.dos[2], HeartbeatTimeout]],
        settle: () => job.report([job.dos[2]], HeartbeatTimeout, w.stranger),
      };
    },
  },
  {
    name: "settleAbort fines who was timed out at the abort block, not who went quiet after it",
    job: (w) => w.job().dos(4, { price: 100n }).mpcs(1, { price: 20n }).epochs(2),
    fail: async (w, job) => {
      for (const d of job.dos.slice(0, 3)) await job.completeEpochs(d, 1);
      const silent = job.dos[3]; // never heard of: timed out by the time dos[0] fails
      await w.timeOutAllBut([...job.dos.slice(0, 3), job.mpcs[0]]);
      await job.fail(job.dos[0], 1, 0);
      // Everyone stops as told; by the settling block all are "timed out", but only `silent` was at the abort.
      const { params } = await job.view();
      await mine(BigInt(params.timeoutBlocks + params.abortGraceBlocks) + 1n);
      return {
        offenders: [
          [job.dos[0], SelfReported],
          [silent, HeartbeatTimeout],
        ],
        byEpochs: true,
        completedEpochs: new Map(job.dos.slice(0, 3).map((d) => [d, 1])),
        settle: () => job.settleAbort(w.stranger),
        others: [w.stranger],
      };
    },
  },
  {
    name: "a participant timed out at the abort block is fined even if it heartbeats after the abort",
    job: (w) => w.job().dos(3, { price: 100n }).mpcs(1, { price: 20n }).epochs(2),
    fail: async (w, job) => {
      const late = job.dos[2];
      await w.timeOutAllBut([job.dos[0], job.dos[1], job.mpcs[0]]);
      expect(await job.isTimedOut(late)).to.equal(true);
      await job.fail(job.dos[0]);
      // Too late: it was timed out when the failure was reported (offenders are taken "at the abort
      // block"; "a timed-out participant is never paid as a good one").
      await w.heartbeat(late);
      return {
        offenders: [
          [job.dos[0], SelfReported],
          [late, HeartbeatTimeout],
        ],
        byEpochs: true,
        settle: () => job.settleAbort(),
      };
    },
  },
  {
    name: "compensation larger than the fine pool shrinks in proportion, its dust to the GDS",
    job: (w) =>
      w
        .job()
        .vertical()
        .dos(3, { prices: [7n, 11n, 13n] })
        .mpcs(1, { price: 1n })
        .epochs(2),
    fail: async (_w, job) => {
      for (const p of job.participants) await job.complete(p, TaskType.PSI);
      for (const d of job.dos) {
        await job.completeEpochs(d, 2);
        await job.complete(d);
      }
      // The DOs are done (owed their full fee, 31 in all); the MPC fails: pool = 80 % of 31 = 24.
      await job.fail(job.mpcs[0]);
      return {
        offenders: [[job.mpcs[0], SelfReported]],
        byEpochs: true,
        completedEpochs: new Map(job.dos.map((d) => [d, 2])),
        settle: () => job.settleAbort(),
      };
    },
    byHand: (e, job, w) => {
      // 24 * 7 / 31 = 5, 24 * 11 / 31 = 8, 24 * 13 / 31 = 10; dust 1 to the GDS.
      expect([...job.dos, w.gds].map((x) => creditOf(e, addr(x)))).to.deep.equal([5n, 8n, 10n, 1n]);
    },
  },
  {
    name: "when no DO and no MPC is good, the whole fine pool goes back to the QC, not to the GDS",
    job: (w) => w.job().dos(1, { price: 41n }).mpcs(1, { price: 3n }).epochs(1),
    fail: async (w, job) => {
      await w.timeOutAllBut([]);
      return {
        offenders: [
          [job.dos[0], HeartbeatTimeout],
          [job.mpcs[0], HeartbeatTimeout],
        ],
        settle: () => job.report([job.dos[0]], HeartbeatTimeout, w.stranger),
      };
    },
    byHand: (e, job) => {
      // C = 41, k = 2: fines 20 each; the QC gets its 48 back plus 40.
      expect(e.refund).to.equal(job.total + 40n);
      expect(e.credits).to.deep.equal([]);
    },
  },
  {
    name: "a job keeps the parameters it snapshotted at placeOrder when the admin changes them",
    job: (w) => w.job().dos(2, { price: 100n }).mpcs(1, { price: 10n }).epochs(1),
    fail: async (w, job) => {
      const snapshot = (await job.view()).params;
      await w.setParameters({ timeoutBlocks: 5, detectedFineBps: 9000, horizontalShares: [0, 5000, 5000] });
      expect((await job.view()).params).to.deep.equal(snapshot);
      // 5 blocks later the new timeout would hold; the job's own (3600) does not.
      await mine(10);
      expect(await job.isTimedOut(job.dos[1])).to.equal(false);
      await w.timeOutAllBut([job.dos[0], job.mpcs[0]], job);
      return {
        offenders: [[job.dos[1], HeartbeatTimeout]], // fined the snapshotted 100 %, not 90 %
        params: w.params, // the snapshotted shares too
        settle: () => job.report([job.dos[1]], HeartbeatTimeout, w.stranger),
      };
    },
  },
];

forEachAsset((asset) =>
  describe(`scenarios: edge rules (docs/rules.md §5–7) · ${asset}`, () => {
    for (const c of CASES) {
      it(c.name, async () => {
        await runFailureCase(await world(asset), c);
      });
    }

    it("a timeout holds from block lastSeen + timeoutBlocks + 1, not before", async () => {
      const w = await world(asset);
      const job = await w.job().dos(2, { price: 10n }).mpcs(1, { price: 1n }).epochs(1).dispatched();
      const lastSeen = (await job.progressTo(job.dos[0], 0, 0)).blockNumber;
      const timeout = BigInt((await job.view()).params.timeoutBlocks);
      // Keep everyone else alive well past the boundary.
      await mine(timeout / 2n);
      await w.heartbeat(job.dos[1], job.mpcs[0]);
      // The next transaction lands in block lastSeen + timeout: not timed out yet.
      await mine(lastSeen + timeout - 1n - (await blockNumber()));
      await expectRevert(job.report([job.dos[0]], HeartbeatTimeout, w.stranger), "JobMarketNotTimedOut");
      expect(await blockNumber()).to.equal(lastSeen + timeout); // Hardhat mined the reverted attempt
      expect(await job.isTimedOut(job.dos[0])).to.equal(false);
      await mine(1);
      expect(await job.isTimedOut(job.dos[0])).to.equal(true);
      const r = await job.report([job.dos[0]], HeartbeatTimeout, w.stranger);
      expect(r.blockNumber).to.equal(lastSeen + timeout + 2n);
    });

    it("re-assigning MPCs before dispatch releases the old ones' collateral and locks the new ones'", async () => {
      const w = await world(asset);
      const job = await w.job().dos(2, { price: 100n }).epochs(1).ordered();
      await job.assign([w.mpcs[0], w.mpcs[1]], 5n);
      await expectRevert(job.assign([w.mpcs[2]], 5n), "JobMarketParticipantCount");
      await job.assign([w.mpcs[1], w.mpcs[2]], 6n);
      expect((await w.stakeOf(w.mpcs[0])).locked).to.equal(0n);
      expect((await w.stakeOf(w.mpcs[1])).locked).to.equal(job.collateral);
      expect((await w.stakeOf(w.mpcs[2])).locked).to.equal(job.collateral);
      const [, , current] = await w.market.read.getParticipants([job.id]);
      expect(current.map((a) => a.toLowerCase())).to.deep.equal(
        [w.mpcs[1], w.mpcs[2]].map((m) => addr(m).toLowerCase()),
      );
    });
  }),
);
