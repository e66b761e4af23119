// MPC replacement (docs/rules.md §6.7 and the Horizontal exception of §6.5): up to maxMpcReplacements,
// each replaced MPC released without reward, each new one locking C; the job still completes and pays.
import { expect } from "chai";
import { parseEventLogs } from "viem";
import { settleCompleted } from "../../../src/protocol/money/index.ts";
import { expectRevert, receiptOf } from "../helpers/chain.cjs";
import { JobState } from "../helpers/jobs.cjs";
import { expectSettlement } from "../helpers/settlement.cjs";
import { forEachAsset, worldFixture, type World } from "../helpers/world.cjs";

const world = worldFixture();
const twoDos = (w: World, mpcs: number) =>
  w
    .job()
    .dos(2, { prices: [100n, 150n] })
    .mpcs(mpcs, { price: 20n })
    .epochs(1);

forEachAsset((asset) =>
  describe(`scenarios: MPC replacement · ${asset}`, () => {
    it("replaces up to maxMpcReplacements, refuses past it; replaced MPCs get nothing, the last one is paid", async () => {
      const w = await world(asset);
      const job = await twoDos(w, 1).dispatched();
      const max = Number((await job.view()).params.maxMpcReplacements);
      expect(max).to.equal(3);

      // No request, no Failed report, no timeout: not replaceable. Strangers may neither ask nor replace.
      await expectRevert(job.replace(w.mpcs[0], w.mpcs[1]), "JobMarketReplacementNotAllowed");
      await expectRevert(job.requestReplacement(w.stranger, w.mpcs[0]), "JobMarketNotParticipant");
      await job.requestReplacement(job.dos[0], w.mpcs[0]);
      await expectRevert(job.replace(w.mpcs[0], w.mpcs[1], w.stranger), "AccessControlUnauthorizedAccount");

      for (let i = 0; i < max; i++) {
        const [oldMpc, newMpc] = [w.mpcs[i], w.mpcs[i + 1]];
        if (i > 0) {
          const r = await job.requestReplacement(job.dos[i % 2], oldMpc);
          const logs = parseEventLogs({
            abi: w.market.abi,
            logs: r.logs,
            eventName: "MpcReplacementRequested",
          });
          expect(logs[0].args.mpc.toLowerCase()).to.equal(oldMpc.account.address.toLowerCase());
        }
        const r = await job.replace(oldMpc, newMpc);
        const replaced = parseEventLogs({ abi: w.market.abi, logs: r.logs, eventName: "MpcReplaced" });
        expect(replaced[0].args.replacements).to.equal(i + 1);
        expect(await w.stakeOf(oldMpc)).to.deep.equal({ free: w.stake, locked: 0n });
        expect(await w.stakeOf(newMpc)).to.deep.equal({
          free: w.stake - job.collateral,
          locked: job.collateral,
        });
        const [, , current] = await w.market.read.getParticipants([job.id]);
        expect(current.map((a) => a.toLowerCase())).to.deep.equal([newMpc.account.address.toLowerCase()]);
      }
      const last = w.mpcs[max];
      await job.requestReplacement(job.dos[0], last);
      await expectRevert(job.replace(last, w.mpcs[max + 1]), "JobMarketReplacementLimit");

      // The job still completes: the current MPC is paid; replaced ones get nothing.
      for (const d of job.dos) await job.completeEpochs(d, 1);
      await job.complete(job.dos[0]);
      const expected = settleCompleted(job.money(), job.members());
      await expectSettlement(
        job,
        expected,
        JobState.Completed,
        () => job.complete(job.dos[1]),
        w.mpcs.slice(0, max),
      );
    });

    it("Horizontal: an MPC reporting Failed is a replacement request, not an abort, and is not fined", async () => {
      const w = await world(asset);
      const job = await twoDos(w, 2).dispatched();
      const [, failing] = job.mpcs;
      const r = await job.fail(failing, 0, 3);
      expect(parseEventLogs({ abi: w.market.abi, logs: r.logs, eventName: "JobAborting" })).to.have.length(0);
      expect(await job.state()).to.equal(JobState.Dispatched);
      await job.replace(failing, w.mpcs[2]);
      expect(await w.stakeOf(failing)).to.deep.equal({ free: w.stake, locked: 0n });
      // The new MPC starts its own progress afresh and may report from epoch 0 again.
      await job.progressTo(w.mpcs[2], 0, 0);
    });

    it("a timed-out MPC may be replaced without any request", async () => {
      const w = await world(asset);
      const job = await twoDos(w, 2).dispatched();
      const [alive, silent] = job.mpcs;
      await w.timeOutAllBut([...job.dos, alive]);
      await job.replace(silent, w.mpcs[2]);
      expect((await w.stakeOf(w.mpcs[2])).locked).to.equal(job.collateral);
    });

    it("the new MPC must have C free", async () => {
      const w = await world(asset);
      const job = await twoDos(w, 1).dispatched();
      const poor = w.mpcs[1];
      await receiptOf(w.market.write.withdraw([w.stake - job.collateral + 1n], { account: poor.account }));
      await job.requestReplacement(job.dos[0], job.mpcs[0]);
      await expectRevert(job.replace(job.mpcs[0], poor), "JobMarketInsufficientFreeStake");
    });
  }),
);
