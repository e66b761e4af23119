// Contestable judgements function by function (docs/rules.md §11.7): the bond and the freeze of a
// NonCompliantResult report, challengeJudgement, resolveChallenge, settleJudgement and their errors.
import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress, zeroAddress } from "viem";
import { blockNumber, eventsNamed, expectRevert, receiptOf } from "../helpers/chain.cjs";
import { FailureReason, JobState, Status, status, TaskType } from "../helpers/jobs.cjs";
import { ARBITER_ROLE, forEachAsset, worldFixture } from "../helpers/world.cjs";

const world = worldFixture();
const checksum = (x: { account: { address: `0x${string}` } }) => getAddress(x.account.address);

forEachAsset((asset) =>
  describe(`JobMarket judgements · ${asset}`, () => {
    describe("reportFailure with NonCompliantResult: the judgement", () => {
      it("locks the bond B = bondBps x the fines asked (k counting the timed out too), emits BondLocked and JobJudged", async () => {
        const w = await world(asset);
        const job = await w.job().dos(4).dispatched(); // C = 4,000
        const [named, silent] = [job.dos[0], job.dos[3]];
        await w.timeOutAllBut(job.participants.filter((p) => p !== silent));
        const gdsBefore = await w.market.read.balanceOf([w.gds.account.address]);
        const receipt = await job.judge([named]);
        // k = 2 (the named DO and the silent one): the judgement asks floor(4,000 / 2) = 2,000; 10 % of it
        const bond = 200n;
        expect(await w.market.read.balanceOf([w.gds.account.address])).to.equal(gdsBefore - bond);
        const [locked] = eventsNamed(w.market.abi, receipt, "BondLocked");
        expect(locked.args).to.deep.equal({ id: job.id, gds: checksum(w.gds), amount: bond });
        const [judged] = eventsNamed(w.market.abi, receipt, "JobJudged");
        const view = await job.view();
        expect(judged.args).to.deep.equal({
          id: job.id,
          gds: checksum(w.gds),
          offenders: [checksum(named)],
          bond,
          challengeDeadline: receipt.blockNumber + 7200n,
        });
        expect(view).to.deep.include({
          state: JobState.Judged,
          judgedAt: receipt.blockNumber,
          challengeDeadline: receipt.blockNumber + 7200n,
          arbitrationDeadline: receipt.blockNumber + 7200n + 50400n,
          bond,
          named: [checksum(named)],
          challenger: zeroAddress,
        });
        const progress = await job.progress();
        expect(progress.map((p) => p.named)).to.deep.equal([true, false, false, false, false, false]);
        expect(progress.map((p) => p.timedOut)).to.deep.equal([false, false, false, true, false, false]);
      });

      it("fails with JobMarketInsufficientBalance when the GDS's balance does not cover the bond", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await w.withdraw(w.gds, await w.market.read.balanceOf([w.gds.account.address]));
        await expectRevert(job.judge([job.dos[0]]), "JobMarketInsufficientBalance");
        await w.deposit(w.gds, 300n);
        await job.judge([job.dos[0]]);
      });

      it("only a Dispatched job can be judged (an Aborting one settles by settleAbort first)", async () => {
        const w = await world(asset);
        const ordered = await w.job().ordered();
        await expectRevert(ordered.judge([ordered.dos[0]]), "JobMarketWrongState");
        const job = await w.job().dos(3, { from: 3 }).dispatched();
        await job.fail(job.dos[1]);
        await expectRevert(job.judge([job.dos[0]]), "JobMarketWrongState");
      });

      it("a Judged job is frozen: updates, reports, cancellation and replacement revert; heartbeats change nothing", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.requestReplacement(job.dos[0], job.mpcs[0]);
        await job.judge([job.dos[1]]);
        const frozen = "JobMarketWrongState";
        await expectRevert(job.update(job.dos[0], status(TaskType.Training, 0, 0, Status.Started)), frozen);
        await expectRevert(job.fail(job.dos[0]), frozen);
        await expectRevert(job.report([job.dos[0]], FailureReason.NonCompliantResult), frozen);
        await expectRevert(job.report([job.dos[0]], FailureReason.HeartbeatTimeout, w.stranger), frozen);
        await expectRevert(job.cancel(), frozen);
        await expectRevert(job.requestReplacement(job.dos[0], job.mpcs[1]), frozen);
        await expectRevert(job.replace(job.mpcs[0], w.mpcs[3]), frozen);
        await mine(3601);
        await w.heartbeat(job.dos[2]);
        for (const p of job.participants) expect(await job.isTimedOut(p)).to.equal(false); // as at the judgement block
      });
    });

    describe("challengeJudgement", () => {
      it("a named participant challenges before the window ends: Challenged, JudgementChallenged; a second challenge reverts", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        const named = [job.dos[0], job.mpcs[0]];
        await job.judge(named);
        const receipt = await job.challenge(job.mpcs[0]);
        const [event] = eventsNamed(w.market.abi, receipt, "JudgementChallenged");
        expect(event.args).to.deep.equal({ id: job.id, challenger: checksum(job.mpcs[0]) });
        const view = await job.view();
        expect([view.state, view.challenger]).to.deep.equal([JobState.Challenged, checksum(job.mpcs[0])]);
        await expectRevert(job.challenge(job.dos[0]), "JobMarketWrongState");
      });

      it("fails with JobMarketNotNamed for anyone the judgement does not name, a participant included", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.judge([job.dos[0]]);
        await expectRevert(job.challenge(job.dos[1]), "JobMarketNotNamed");
        await expectRevert(job.challenge(w.stranger), "JobMarketNotNamed");
      });

      it("fails with JobMarketChallengeWindowOver from judgedAt + challengeWindowBlocks", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.judge([job.dos[0]]);
        await job.passDeadline("challenge"); // the next transaction lands at the deadline
        await expectRevert(job.challenge(job.dos[0]), "JobMarketChallengeWindowOver");
        expect(await blockNumber()).to.equal((await job.view()).challengeDeadline);
      });

      it("fails on a job that is not Judged", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.challenge(job.dos[0]), "JobMarketWrongState");
      });
    });

    describe("resolveChallenge", () => {
      it("the arbiter rules (ChallengeResolved with the upheld) and the job settles at once", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.judge([job.dos[0], job.dos[1]]);
        await job.challenge(job.dos[0]);
        const receipt = await job.resolve([job.dos[1]]);
        const [event] = eventsNamed(w.market.abi, receipt, "ChallengeResolved");
        expect(event.args).to.deep.equal({
          id: job.id,
          arbiter: checksum(w.arbiter),
          upheld: [checksum(job.dos[1])],
        });
        expect(await job.state()).to.equal(JobState.Failed);
      });

      it("needs ARBITER_ROLE", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.judge([job.dos[0]]);
        await job.challenge(job.dos[0]);
        await expectRevert(job.resolve([], w.stranger), "AccessControlUnauthorizedAccount");
      });

      it("fails with JobMarketConflictOfInterest for an arbiter that is the job's GDS, its QC or a participant", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.judge([job.dos[0]]);
        await job.challenge(job.dos[0]);
        for (const who of [w.gds, job.qc, job.mpcs[1]]) {
          await receiptOf(
            w.market.write.grantRole([ARBITER_ROLE, who.account.address], { account: w.admin.account }),
          );
          await expectRevert(job.resolve([], who), "JobMarketConflictOfInterest");
        }
        await job.resolve([], w.admin); // the admin holds ARBITER_ROLE and is none of them
      });

      it("fails with JobMarketNotNamed for an upheld address the judgement does not name, and on a duplicate", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.judge([job.dos[0]]);
        await job.challenge(job.dos[0]);
        await expectRevert(job.resolve([job.dos[1]]), "JobMarketNotNamed");
        await expectRevert(job.resolve([job.dos[0], job.dos[0]]), "JobMarketDuplicateParticipant");
      });

      it("fails with JobMarketArbitrationOver from the arbitration deadline, and on an unchallenged judgement", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await job.judge([job.dos[0]]);
        await expectRevert(job.resolve([]), "JobMarketWrongState");
        await job.challenge(job.dos[0]);
        await job.passDeadline("arbitration");
        await expectRevert(job.resolve([]), "JobMarketArbitrationOver");
      });
    });

    describe("settleJudgement", () => {
      it("fails with JobMarketChallengeWindowOpen before the window ends, JobMarketArbitrationPending before the arbitration deadline", async () => {
        const w = await world(asset);
        const job = await w.job().dispatched();
        await expectRevert(job.settleJudgement(), "JobMarketWrongState");
        await job.judge([job.dos[0]]);
        await expectRevert(job.settleJudgement(), "JobMarketChallengeWindowOpen");
        await job.challenge(job.dos[0]);
        await job.passDeadline("challenge");
        await expectRevert(job.settleJudgement(), "JobMarketArbitrationPending");
        await job.passDeadline("arbitration");
        await job.settleJudgement(w.stranger); // anyone, once it passed
        expect(await job.state()).to.equal(JobState.Failed);
      });
    });
  }),
);
