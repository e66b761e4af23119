import { expect } from "chai";
import { Role } from "../helpers/jobs.cjs";
import { forEachAsset, GDS_ROLE, worldFixture } from "../helpers/world.cjs";

const world = worldFixture();

forEachAsset((asset) =>
  describe(`the test world · ${asset}`, () => {
    it("deploys the proxy with roles, defaults and registered nodes", async () => {
      const w = await world(asset);
      expect(await w.market.read.version()).to.equal("2.0.0");
      expect(await w.market.read.hasRole([GDS_ROLE, w.gds.account.address])).to.equal(true);
      expect((await w.market.read.parameters()).timeoutBlocks).to.equal(3600);
      const node = await w.market.read.getNode([w.dos[0].account.address]);
      expect(node.role).to.equal(Role.DO);
      expect(node.balance).to.equal(w.stake);
      expect(await w.market.read.nodeCount()).to.equal(BigInt(w.dos.length + w.mpcs.length));
      expect(await w.marketHoldings()).to.equal(w.stake * 18n); // 16 nodes, 2 GDS deposits
      expect(await w.market.read.holdings()).to.equal(w.stake * 18n);
    });
  }),
);
