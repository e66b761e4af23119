// Node terms (docs/rules.md §11.1, §11.9): setNodeTerms, termsOf, and the check at every locking call —
// each DO at placeOrder, each MPC at assignMpcs and replaceMpc (with the job's MPC fee).
import { expect } from "chai";
import { getAddress, zeroAddress } from "viem";
import { expectRevert, eventsNamed } from "../helpers/chain.cjs";
import { JobState, Role } from "../helpers/jobs.cjs";
import { forEachAsset, NO_LIMIT, worldFixture } from "../helpers/world.cjs";

const world = worldFixture();

forEachAsset((asset) =>
  describe(`JobMarket node terms · ${asset}`, () => {
    it("setNodeTerms: stores the terms, emits NodeTermsSet; termsOf and getNode read them back", async () => {
      const w = await world(asset);
      const [node] = w.dos;
      const terms = {
        accepting: true,
        gds: getAddress(w.gds.account.address),
        minFee: 7n,
        maxCollateral: 123_456n,
      };
      const receipt = await w.setTerms(node, terms);
      const [set] = eventsNamed(w.market.abi, receipt, "NodeTermsSet");
      expect(set.args).to.deep.equal({ node: getAddress(node.account.address), terms });
      expect(await w.market.read.termsOf([node.account.address])).to.deep.equal(terms);
      const view = await w.market.read.getNode([node.account.address]);
      expect([view.termsSet, view.terms]).to.deep.equal([true, terms]);
    });

    it("termsOf: a node that never set terms accepts any GDS, any fee and any collateral its free stake covers", async () => {
      const w = await world(asset);
      const defaults = { accepting: true, gds: zeroAddress, minFee: 0n, maxCollateral: NO_LIMIT };
      expect(await w.market.read.termsOf([w.dos[0].account.address])).to.deep.equal(defaults);
      expect((await w.market.read.getNode([w.dos[0].account.address])).termsSet).to.equal(false);
      const job = await w.job().dos([w.dos[0]], { price: w.stake }).ordered(); // C = its whole stake
      expect(await job.state()).to.equal(JobState.Ordered);
    });

    it("termsOf: a maxCollateral at or above the largest possible C reads back as no limit", async () => {
      const w = await world(asset);
      await w.setTerms(w.dos[0], { maxCollateral: 2n ** 88n });
      expect((await w.market.read.termsOf([w.dos[0].account.address])).maxCollateral).to.equal(NO_LIMIT);
      await w.setTerms(w.dos[1], { maxCollateral: 2n ** 88n - 2n });
      expect((await w.market.read.termsOf([w.dos[1].account.address])).maxCollateral).to.equal(
        2n ** 88n - 2n,
      );
    });

    it("setNodeTerms: fails with JobMarketAmountTooLarge on a minFee above 2^128 - 1", async () => {
      const w = await world(asset);
      await expectRevert(w.setTerms(w.dos[0], { minFee: 2n ** 128n }), "JobMarketAmountTooLarge");
      await w.setTerms(w.dos[0], { minFee: 2n ** 128n - 1n });
    });

    it("setNodeTerms: may come before registerNode, so a node is never orderable without its terms", async () => {
      const w = await world(asset);
      const node = w.outsiders[1];
      await w.setTerms(node, { maxCollateral: 10n });
      await w.register(node, Role.DO, w.stake);
      await expectRevert(w.job().dos([node], { price: 11n }).ordered(), "JobMarketTermsRejected");
      await w.job().dos([node], { price: 10n }).ordered();
    });

    it("placeOrder: JobMarketTermsRejected for a DO that is not accepting", async () => {
      const w = await world(asset);
      await w.setTerms(w.dos[1], { accepting: false });
      await expectRevert(w.job().ordered(), "JobMarketTermsRejected");
    });

    it("placeOrder: JobMarketTermsRejected for a DO that accepts another GDS only", async () => {
      const w = await world(asset);
      await w.setTerms(w.dos[0], { gds: w.gds2.account.address });
      await expectRevert(w.job().ordered(), "JobMarketTermsRejected");
      await w.job().build().place(w.gds2); // the GDS it names may order it
    });

    it("placeOrder: JobMarketTermsRejected for a DO whose fee (p * F) is below its minFee", async () => {
      const w = await world(asset);
      await w.setTerms(w.dos[2], { minFee: 2000n });
      await expectRevert(w.job().ordered(), "JobMarketTermsRejected"); // 1,000 x 1
      await w.job().factor(2).ordered(); // 1,000 x 2
    });

    it("placeOrder: JobMarketTermsRejected for a DO whose maxCollateral is below the job's C", async () => {
      const w = await world(asset);
      await w.setTerms(w.dos[0], { maxCollateral: 2999n });
      await expectRevert(w.job().ordered(), "JobMarketTermsRejected"); // C = 3,000
      await w.setTerms(w.dos[0], { maxCollateral: 3000n });
      await w.job().ordered();
    });

    it("assignMpcs: an MPC's terms are checked with the job's MPC fee (Vertical: m * N * F)", async () => {
      const w = await world(asset);
      await w.setTerms(w.mpcs[0], { minFee: 31n });
      const job = await w.job().vertical().mpcs(1, { price: 10n }).ordered(); // MPC fee 10 x 3 x 1 = 30
      await expectRevert(job.assign(), "JobMarketTermsRejected");
      await job.assign(undefined, 11n); // 33
      expect(job.mpcFee).to.equal(33n);
    });

    it("replaceMpc: the new MPC's terms are checked against the job's GDS, fee and C", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      await job.requestReplacement(job.dos[0], job.mpcs[0]);
      await w.setTerms(w.mpcs[3], { maxCollateral: 2999n });
      await expectRevert(job.replace(job.mpcs[0], w.mpcs[3]), "JobMarketTermsRejected");
      await w.setTerms(w.mpcs[4], { gds: w.gds.account.address, minFee: 500n, maxCollateral: 3000n });
      await job.replace(job.mpcs[0], w.mpcs[4]);
    });

    it("terms bind only orders placed after they are set, and never touch collateral already locked", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      await w.setTerms(job.dos[0], { accepting: false });
      // the job it was ordered in goes on and settles
      await job.completeAll();
      expect(await job.state()).to.equal(JobState.Completed);
      await expectRevert(w.job().ordered(), "JobMarketTermsRejected");
    });
  }),
);
