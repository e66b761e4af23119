import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployMarket, GDS_ROLE, NODE_STAKE, ROLE_DO } from "../helpers/deploy.cjs";

describe("deploy fixture", () => {
  it("deploys the proxy with roles, defaults and registered nodes", async () => {
    const f = await loadFixture(deployMarket);
    expect(await f.market.read.version()).to.equal("1.0.0");
    expect(await f.market.read.hasRole([GDS_ROLE, f.gds.account.address])).to.equal(true);
    const params = await f.market.read.parameters();
    expect(params.timeoutBlocks).to.equal(3600);
    const node = await f.market.read.getNode([f.dos[0].account.address]);
    expect(node.role).to.equal(ROLE_DO);
    expect(node.balance).to.equal(NODE_STAKE);
    expect(await f.market.read.nodeCount()).to.equal(13n);
  });
});
