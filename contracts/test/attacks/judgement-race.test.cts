// A judgement raced against the work it judges (docs/rules.md §11.7): the GDS sees a DO's final completion
// in the mempool and gets its NonCompliantResult report naming that DO mined first, to take the DO's stake
// although the work was done. The judgement freezes the job, so the completion reverts; the DO's answer is
// the challenge. Mined the other way round, the job is already Completed and the judgement reverts.
import { expect } from "chai";
import { getAddress } from "viem";
import { expectRevert } from "../helpers/chain.cjs";
import { JobState, TaskType, type Job } from "../helpers/jobs.cjs";
import { forEachAsset, worldFixture, type Wallet, type World } from "../helpers/world.cjs";

const world = worldFixture();

/** A Horizontal job (3 DOs, 2 MPCs) where everyone but the last DO has sent its final completion. */
async function oneCompletionLeft(w: World): Promise<{ job: Job; last: Wallet }> {
  const job = await w.job().dispatched();
  const last = job.dos[job.dos.length - 1]!;
  for (const m of job.mpcs) await job.complete(m, TaskType.Aggregation);
  for (const d of job.dos.filter((x) => x !== last)) await job.complete(d, TaskType.Training);
  return { job, last };
}

const balanceOf = (w: World, who: Wallet) => w.market.read.balanceOf([who.account.address]);

forEachAsset((asset) =>
  describe(`a judgement raced against the last completion · ${asset}`, () => {
    it("mined first: the completion reverts, the DO challenges, the arbiter overturns; no fine, the DO gets the bond", async () => {
      const w = await world(asset);
      const { job, last } = await oneCompletionLeft(w);
      const gdsBefore = await balanceOf(w, w.gds);
      await job.judge([last]);
      const { bond } = await job.view();
      expect(bond > 0n).to.equal(true);
      await expectRevert(job.complete(last, TaskType.Training), "JobMarketWrongState");
      await job.challenge(last);
      await job.resolve([]);
      expect(await job.state()).to.equal(JobState.Failed);
      expect(await balanceOf(w, job.qc)).to.equal(job.paidTotal); // everything it paid, back
      expect(await w.stakeOf(last)).to.deep.equal({ free: w.stake + bond, locked: 0n });
      for (const p of job.participants.filter((x) => x !== last))
        expect(await w.stakeOf(p)).to.deep.equal({ free: w.stake, locked: 0n });
      expect(await balanceOf(w, w.gds)).to.equal(gdsBefore - bond);
    });

    it("mined first and left unchallenged: the window is the DO's only defence; after it the judgement stands", async () => {
      const w = await world(asset);
      const { job, last } = await oneCompletionLeft(w);
      await job.judge([last]);
      await job.passDeadline("challenge");
      await expectRevert(job.challenge(last), "JobMarketChallengeWindowOver");
      const receipt = await job.settleJudgement();
      expect(await job.state()).to.equal(JobState.Failed);
      const fines = await w.market.getEvents.Fined({}, { blockHash: receipt.blockHash });
      expect(fines.map((f) => getAddress(f.args.offender!))).to.deep.equal([
        getAddress(last.account.address),
      ]);
      expect(await w.stakeOf(last)).to.deep.equal({ free: w.stake - fines[0]!.args.amount!, locked: 0n });
    });

    it("mined second: the job completed in the block before, the judgement reverts and nobody is fined", async () => {
      const w = await world(asset);
      const { job, last } = await oneCompletionLeft(w);
      await job.complete(last, TaskType.Training);
      expect(await job.state()).to.equal(JobState.Completed);
      const gdsBefore = await balanceOf(w, w.gds);
      await expectRevert(job.judge([last]), "JobMarketWrongState");
      expect(await balanceOf(w, w.gds)).to.equal(gdsBefore); // no bond taken
      for (const p of job.participants) expect((await w.stakeOf(p)).locked).to.equal(0n);
      expect((await w.stakeOf(last)).free > w.stake).to.equal(true); // its reward on top of its stake
    });
  }),
);
