// The payment asset (docs/rules.md §12): initialize(admin, asset), asset(), the msg.value rule, the exact
// balance-delta check (fee-on-transfer and rebasing tokens refused), tokens returning false or nothing,
// the EIP-2612 permit variants (front-run permits included), and tokens sent by a plain transfer.
import hre from "hardhat";
import { expect } from "chai";
import { encodeFunctionData, getAddress, zeroAddress } from "viem";
import { expectRevert, receiptOf } from "../helpers/chain.cjs";
import { JobState, Role } from "../helpers/jobs.cjs";
import {
  deployImplementation,
  forEachAsset,
  NO_LIMIT,
  tokenMarket,
  worldFixture,
} from "../helpers/world.cjs";

const world = worldFixture();

describe("JobMarket payment asset: initialize", () => {
  it("asset(): zero for the native coin, the token's address for an ERC-20 market", async () => {
    const native = await world("native");
    expect(await native.market.read.asset()).to.equal(zeroAddress);
    const erc20 = await world("erc20");
    expect(await erc20.market.read.asset()).to.equal(getAddress(erc20.token!.address));
    expect(await erc20.token!.read.decimals()).to.equal(6);
  });

  it("initialize: JobMarketUnsupportedAsset for an account without code, without decimals(), or with decimals outside 2..18", async () => {
    const w = await world("native");
    const { implementation } = await deployImplementation(w.libraries);
    const init = (asset: `0x${string}`) =>
      hre.viem.deployContract("ERC1967Proxy", [
        implementation.address,
        encodeFunctionData({
          abi: implementation.abi,
          functionName: "initialize",
          args: [w.admin.account.address, asset],
        }),
      ]);
    const noDecimals = await hre.viem.deployContract("InvariantProbe");
    const [one, nineteen] = await Promise.all(
      [1, 19].map((d) => hre.viem.deployContract("NoReturnToken", [d])),
    );
    for (const asset of [w.stranger.account.address, noDecimals.address, one.address, nineteen.address]) {
      await expectRevert(init(asset), "JobMarketUnsupportedAsset");
    }
    for (const d of [2, 18]) await init((await hre.viem.deployContract("NoReturnToken", [d])).address);
  });
});

describe("JobMarket payment asset: a token market", () => {
  it("msg.value on a token market: JobMarketValueMismatch(0, value)", async () => {
    const w = await world("erc20");
    await expectRevert(
      w.market.write.registerNode([Role.DO, 10n], { account: w.outsiders[1].account, value: 10n }),
      "JobMarketValueMismatch",
    );
  });

  for (const [what, bonus] of [
    ["a fee-on-transfer token", false],
    ["a token whose balances grow by themselves (as a rebasing token's may)", true],
  ] as const) {
    it(`${what} is refused with JobMarketTokenAmountMismatch, nothing credited`, async () => {
      const w = await world("erc20");
      const { market, token } = await tokenMarket(w, "FeeOnTransferToken", [100, bonus]);
      const node = w.outsiders[1];
      await receiptOf(token.write.mint([node.account.address, 1000n]));
      await receiptOf(token.write.approve([market.address, 1000n], { account: node.account }));
      await expectRevert(
        receiptOf(market.write.registerNode([Role.DO, 1000n], { account: node.account })),
        "JobMarketTokenAmountMismatch",
      );
      expect(await market.read.balanceOf([node.account.address])).to.equal(0n);
      expect(await market.read.holdings()).to.equal(0n);
      expect(await token.read.balanceOf([market.address])).to.equal(0n);
    });
  }

  it("a token returning false is refused with JobMarketTransferFailed, nothing credited", async () => {
    const w = await world("erc20");
    const { market, token } = await tokenMarket(w, "FalseReturningToken", []);
    const node = w.outsiders[1];
    await receiptOf(token.write.mint([node.account.address, 1000n]));
    await receiptOf(token.write.approve([market.address, 1000n], { account: node.account }));
    await receiptOf(token.write.setRefuseAll([true]));
    await expectRevert(
      receiptOf(market.write.registerNode([Role.DO, 1000n], { account: node.account })),
      "JobMarketTransferFailed",
    );
    expect(await market.read.balanceOf([node.account.address])).to.equal(0n);
    expect(await market.read.holdings()).to.equal(0n);
  });

  it("a token with no return values (USDT-like) works: stake, deposit, withdraw (SafeERC20)", async () => {
    const w = await world("erc20");
    const { market, token } = await tokenMarket(w, "NoReturnToken", [6]);
    const node = w.outsiders[1];
    await receiptOf(token.write.mint([node.account.address, 1000n]));
    await receiptOf(token.write.approve([market.address, NO_LIMIT], { account: node.account }));
    await receiptOf(market.write.registerNode([Role.DO, 600n], { account: node.account }));
    await receiptOf(market.write.deposit([400n], { account: node.account }));
    await receiptOf(market.write.withdraw([250n], { account: node.account }));
    expect(await market.read.balanceOf([node.account.address])).to.equal(750n);
    expect(await token.read.balanceOf([node.account.address])).to.equal(250n);
    expect(await token.read.balanceOf([market.address])).to.equal(await market.read.holdings());
  });

  it("amount 0 calls no transferFrom: registering without stake needs no allowance", async () => {
    const w = await world("erc20");
    const node = w.outsiders[1];
    await receiptOf(w.token!.write.approve([w.market.address, 0n], { account: node.account }));
    await w.register(node, Role.MPC, 0n);
    expect((await w.market.read.getNode([node.account.address])).role).to.equal(Role.MPC);
  });

  it("no settlement transfers: a blocked participant is credited when the job settles; only its own withdraw fails", async () => {
    const w = await world("erc20");
    const { market, token } = await tokenMarket(w, "FalseReturningToken", []);
    const [dataOwner, mpc, qc] = [w.outsiders[1], w.outsiders[2], w.outsiders[3]];
    for (const who of [dataOwner, mpc, qc]) {
      await receiptOf(token.write.mint([who.account.address, 10_000n]));
      await receiptOf(token.write.approve([market.address, NO_LIMIT], { account: who.account }));
    }
    await receiptOf(market.write.registerNode([Role.DO, 1000n], { account: dataOwner.account }));
    await receiptOf(market.write.registerNode([Role.MPC, 1000n], { account: mpc.account }));
    const id = "0x000000000000000000000000000b10c0";
    const gds = { account: w.admin.account }; // the admin holds GDS_ROLE on its own market
    await receiptOf(
      market.write.placeOrder(
        [id, 0, qc.account.address, [dataOwner.account.address], [100n], 1, 1, 1, 0n],
        gds,
      ),
    );
    await receiptOf(market.write.assignMpcs([id, [mpc.account.address], 10n], gds));
    await receiptOf(market.write.submitQuery([id, 121n, 121n], { account: qc.account }));
    await receiptOf(token.write.setBlocked([dataOwner.account.address, true]));
    const done = { taskType: 0, epoch: 0xffffffff, batch: 0xffffffff, status: 2 };
    await receiptOf(market.write.updateJobStatus([id, done], { account: dataOwner.account })); // settles
    expect((await market.read.getJob([id])).state).to.equal(JobState.Completed);
    expect(await market.read.balanceOf([dataOwner.account.address])).to.equal(1100n);
    await expectRevert(
      receiptOf(market.write.withdraw([1100n], { account: dataOwner.account })),
      "JobMarketTransferFailed",
    );
    expect(await market.read.balanceOf([dataOwner.account.address])).to.equal(1100n);
    await receiptOf(market.write.withdraw([1010n], { account: mpc.account }));
    expect(await token.read.balanceOf([market.address])).to.equal(await market.read.holdings());
  });

  it("tokens sent by a plain transfer are credited to nobody and never count in holdings", async () => {
    const w = await world("erc20");
    const before = await w.market.read.holdings();
    await receiptOf(w.token!.write.transfer([w.market.address, 5n], { account: w.stranger.account }));
    expect(await w.market.read.holdings()).to.equal(before);
    expect(await w.marketHoldings()).to.equal(before + 5n);
    expect(await w.market.read.balanceOf([w.stranger.account.address])).to.equal(0n);
  });

  it("the holdings bound counts what the market owes, never balanceOf: a stranger's transfer blocks nobody", async () => {
    const w = await world("erc20");
    await w.fund(w.stranger, 2n ** 105n);
    await receiptOf(w.token!.write.transfer([w.market.address, 2n ** 104n], { account: w.stranger.account }));
    const room = 2n ** 104n - 1n - (await w.market.read.holdings());
    await w.fund(w.qc, room);
    const job = await w.job().assigned();
    await job.pay(room); // accepted although balanceOf(market) is far above 2^104
  });
});

describe("JobMarket payment asset: EIP-2612 permits", () => {
  /** An outsider with tokens and no allowance, so that only a permit can pay; registerNodeWithPermit by it. */
  async function signerWorld() {
    const w = await world("erc20");
    const owner = w.outsiders[1];
    await receiptOf(w.token!.write.approve([w.market.address, 0n], { account: owner.account }));
    type Permit = Awaited<ReturnType<typeof w.signPermit>>;
    const register = (amount: bigint, p: Permit) =>
      receiptOf(
        w.market.write.registerNodeWithPermit([Role.DO, amount, p.deadline, p.v, p.r, p.s], {
          account: owner.account,
        }),
      );
    return { w, owner, register };
  }

  it("registerNodeWithPermit / depositWithPermit: a valid permit pays in one transaction", async () => {
    const { w, owner, register } = await signerWorld();
    const p = await w.signPermit(owner, 700n);
    await register(700n, p);
    const q = await w.signPermit(owner, 300n);
    await receiptOf(
      w.market.write.depositWithPermit([300n, q.deadline, q.v, q.r, q.s], { account: owner.account }),
    );
    expect(await w.market.read.balanceOf([owner.account.address])).to.equal(1000n);
    expect(await w.token!.read.allowance([owner.account.address, w.market.address])).to.equal(0n); // exactly used
  });

  it("submitQueryWithPermit: the QC pays a job with one signature", async () => {
    const w = await world("erc20");
    const job = await w.job().qc(w.outsiders[2]).assigned();
    await receiptOf(w.token!.write.approve([w.market.address, 0n], { account: job.qc.account }));
    const p = await w.signPermit(job.qc, job.total);
    await receiptOf(
      w.market.write.submitQueryWithPermit([job.id, job.total, job.total, p.deadline, p.v, p.r, p.s], {
        account: job.qc.account,
      }),
    );
    expect(await job.state()).to.equal(JobState.Dispatched);
  });

  it("an expired permit reverts with JobMarketPermitExpired", async () => {
    const { w, owner, register } = await signerWorld();
    const latest = await w.publicClient.getBlock();
    const p = await w.signPermit(owner, 700n, { deadline: latest.timestamp - 1n });
    await expectRevert(register(700n, p), "JobMarketPermitExpired");
  });

  it("a permit signed by someone else, or for another amount, reverts with JobMarketPermitRejected", async () => {
    const { w, owner, register } = await signerWorld();
    const forged = await w.signPermit(owner, 700n, { signer: w.stranger });
    await expectRevert(register(700n, forged), "JobMarketPermitRejected");
    const other = await w.signPermit(owner, 699n); // the permit must be for exactly the amount
    await expectRevert(register(700n, other), "JobMarketPermitRejected");
  });

  it("a permit a third party submitted first (front-run) still lets the payment go through", async () => {
    const { w, owner, register } = await signerWorld();
    const p = await w.signPermit(owner, 700n);
    await receiptOf(
      w.token!.write.permit([owner.account.address, w.market.address, 700n, p.deadline, p.v, p.r, p.s], {
        account: w.stranger.account,
      }),
    );
    await register(700n, p);
    expect(await w.market.read.balanceOf([owner.account.address])).to.equal(700n);
  });
});

forEachAsset((asset) =>
  describe(`JobMarket payment asset · ${asset}`, () => {
    it("the permit functions refuse a native market (JobMarketUnsupportedAsset(0)); a token market takes them", async () => {
      const w = await world(asset);
      const call = w.market.write.depositWithPermit(
        [1n, 0n, 27, `0x${"00".repeat(32)}`, `0x${"00".repeat(32)}`],
        {
          account: w.dos[0].account,
        },
      );
      if (asset === "native") await expectRevert(call, "JobMarketUnsupportedAsset");
      else await receiptOf(call); // the node's allowance covers 1: the unusable permit is ignored
    });

    it("the market's holdings of the asset equal holdings() after money in, settlements and money out", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      await job.completeAll();
      await w.withdraw(job.dos[0], 1000n);
      expect(await w.marketHoldings()).to.equal(await w.market.read.holdings());
    });
  }),
);
