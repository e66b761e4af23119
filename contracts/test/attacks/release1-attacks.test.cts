// The attacks of the release-1 security review (issue 10), each run twice: against the frozen release 1
// (test/fixtures/release1), where the attack succeeds, and against the current market, where the rules of
// docs/rules.md §11 stop it. Release 1 takes only the native coin: its half runs once; the release-2 half
// runs on every payment asset.
import hre from "hardhat";
import { expect } from "chai";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { type Address, type Hash } from "viem";
import { expectRevert } from "../helpers/chain.cjs";
import {
  ALL,
  FailureReason,
  JobState,
  newJobId,
  Role,
  Status,
  TaskType,
  type Job,
} from "../helpers/jobs.cjs";
import { release1Read, release1World, release1Write, type Release1Market } from "../helpers/release1.cjs";
import { forEachAsset, worldFixture, type Wallet } from "../helpers/world.cjs";

const world = worldFixture();
const STAKE = 100n * 10n ** 18n; // the victim's whole stake in the review: 100 ETH

/** Release 1 with the same accounts as the world: 4 DOs and 4 MPCs registered with 100 ETH each. */
const release1Attacked = () => release1World(STAKE, 4, 4);
type R1 = Awaited<ReturnType<typeof release1Attacked>>;

const address = (w: Wallet) => w.account.address;
const status = (taskType: number, epoch: number, batch: number, st: number) => ({
  taskType,
  epoch,
  batch,
  status: st,
});

interface R1Job {
  id: Hash;
  dos: Wallet[];
  mpcs: Wallet[];
}

/** placeOrder on release 1 (3 DOs at 1,000 unless given), then assignMpcs and submitQuery when asked. */
async function r1Job(
  r: R1,
  o: {
    dos?: Wallet[];
    prices?: bigint[];
    jobType?: number;
    mpcs?: Wallet[];
    mpcPrice?: bigint;
    quote?: bigint;
    pay?: bigint;
    qc?: Wallet;
    epochs?: number;
  } = {},
): Promise<R1Job> {
  const id = newJobId();
  const dos = o.dos ?? r.dos.slice(0, 3);
  const mpcs = o.mpcs ?? r.mpcs.slice(0, 2);
  const qc = o.qc ?? r.qc;
  const prices = o.prices ?? dos.map(() => 1000n);
  const args = [
    id,
    o.jobType ?? 0,
    address(qc),
    dos.map(address),
    prices,
    1,
    mpcs.length,
    o.epochs ?? 2,
    o.quote ?? 10n ** 24n,
  ];
  await release1Write(r.market, r.gds, "placeOrder", args);
  if (o.pay !== undefined) await release1Write(r.market, qc, "submitQuery", [id], o.pay);
  if (o.mpcPrice !== undefined)
    await release1Write(r.market, r.gds, "assignMpcs", [id, mpcs.map(address), o.mpcPrice]);
  return { id, dos, mpcs };
}

const r1State = async (m: Release1Market, id: Hash) =>
  (await release1Read<{ state: number }>(m, "getJob", [id])).state;
const r1Stake = async (m: Release1Market, who: Wallet) => {
  const [free, locked] = await release1Read<[bigint, bigint]>(m, "stakeOf", [address(who)]);
  return { free, locked };
};

describe("release 1 attacks, against the frozen release 1 (it is vulnerable)", () => {
  it("GDS sybil stake grab: a GDS with its own QC and MPC takes a passive DO's whole stake in three transactions", async () => {
    const r = await loadFixture(release1Attacked);
    const [victim] = r.dos;
    const sybilMpc = r.mpcs[3];
    const sybilQc = r.stranger;
    // 1: price the victim so that C equals its whole free stake; 2: assign the GDS's own MPC; 3: pay.
    const job = await r1Job(r, {
      dos: [victim],
      prices: [STAKE],
      mpcs: [sybilMpc],
      mpcPrice: 1n,
      qc: sybilQc,
    });
    const { totalPrice } = await release1Read<{ totalPrice: bigint }>(r.market, "getJob", [job.id]);
    await release1Write(r.market, sybilQc, "submitQuery", [job.id], totalPrice);
    // ... and judge it non-compliant: settled at once.
    await release1Write(r.market, r.gds, "reportFailure", [
      job.id,
      [address(victim)],
      FailureReason.NonCompliantResult,
    ]);
    expect(await r1Stake(r.market, victim)).to.deep.equal({ free: 0n, locked: 0n });
    const gdsGain = await release1Read<bigint>(r.market, "balanceOf", [address(r.gds)]);
    const mpcGain = (await r1Stake(r.market, sybilMpc)).free - STAKE;
    expect(gdsGain + mpcGain).to.equal(STAKE); // the whole stake, to the GDS and its MPC
  });

  it("locked forever: a GDS re-places unpaid orders as fast as they expire; the node cannot refuse them", async () => {
    const r = await loadFixture(release1Attacked);
    const [node] = r.dos;
    const price = STAKE / 2n;
    const first = await r1Job(r, { dos: [node], prices: [price] });
    await mine(3600);
    await release1Write(r.market, node, "cancelJob", [first.id]); // expired: the node frees its stake
    expect((await r1Stake(r.market, node)).locked).to.equal(0n);
    await r1Job(r, { dos: [node], prices: [price] }); // ... and the GDS locks it again at once
    expect((await r1Stake(r.market, node)).locked).to.equal(price);
  });

  it("front-run cancel: a QC's free cancel of an Ordered job costs 60 % when assignMpcs dispatches first (paid 4,400, got back 1,760)", async () => {
    const r = await loadFixture(release1Attacked);
    const job = await r1Job(r, { pay: 4400n });
    // The QC signs a free cancel; the GDS's assignMpcs is mined first and dispatches the paid job.
    await release1Write(r.market, r.gds, "assignMpcs", [job.id, job.mpcs.map(address), 500n]);
    expect(await r1State(r.market, job.id)).to.equal(JobState.Dispatched);
    await release1Write(r.market, r.qc, "cancelJob", [job.id]);
    expect(await release1Read<bigint>(r.market, "balanceOf", [address(r.qc)])).to.equal(1760n);
  });

  it("stale consent: a QC's consent to a raised price dispatches at a higher price set after it was signed", async () => {
    const r = await loadFixture(release1Attacked);
    const job = await r1Job(r, { quote: 4000n, pay: 6000n, mpcPrice: 500n }); // 4,400 > quote: consent needed
    // The QC signs its consent seeing 4,400; the GDS re-assigns at 5,500 first.
    await release1Write(r.market, r.gds, "assignMpcs", [job.id, job.mpcs.map(address), 1000n]);
    await release1Write(r.market, r.qc, "submitQuery", [job.id], 0n);
    const view = await release1Read<{ state: number; totalPrice: bigint }>(r.market, "getJob", [job.id]);
    expect([view.state, view.totalPrice]).to.deep.equal([JobState.Dispatched, 5500n]);
  });

  it("stale replacement request: the GDS replaces an MPC that finished its work and gives its fee to a newcomer", async () => {
    const r = await loadFixture(release1Attacked);
    const job = await r1Job(r, { jobType: 1, mpcs: r.mpcs.slice(0, 2), mpcPrice: 10n, pay: 10n ** 18n });
    const [worker] = job.mpcs;
    await release1Write(r.market, job.dos[0], "requestMpcReplacement", [job.id, address(worker)]);
    for (const p of [...job.dos, ...job.mpcs]) {
      await release1Write(r.market, p, "updateJobStatus", [
        job.id,
        status(TaskType.PSI, ALL, ALL, Status.Completed),
      ]);
    }
    await release1Write(r.market, worker, "updateJobStatus", [
      job.id,
      status(TaskType.Training, ALL, ALL, Status.Completed),
    ]);
    // The request from before the MPC's work still stands: its finished work is thrown away.
    await release1Write(r.market, r.gds, "replaceMpc", [job.id, address(worker), address(r.mpcs[2])]);
    const [, , mpcs] = await release1Read<[Address[], bigint[], Address[]]>(r.market, "getParticipants", [
      job.id,
    ]);
    expect(mpcs).to.not.include(address(worker));
    expect((await r1Stake(r.market, worker)).free).to.equal(STAKE); // no fee for its work
  });

  it("late Failed report: a Horizontal MPC already timed out resets its timeout with a Failed report and escapes its fine", async () => {
    const r = await loadFixture(release1Attacked);
    const job = await r1Job(r, { mpcPrice: 500n, pay: 4400n });
    const [late] = job.mpcs;
    await mine(3601);
    expect(await release1Read<boolean>(r.market, "isTimedOut", [job.id, address(late)])).to.equal(true);
    await release1Write(r.market, late, "updateJobStatus", [
      job.id,
      status(TaskType.Aggregation, 0, 0, Status.Failed),
    ]);
    expect(await release1Read<boolean>(r.market, "isTimedOut", [job.id, address(late)])).to.equal(false);
    await expectRevert(
      release1Write(r.market, r.stranger, "reportFailure", [
        job.id,
        [address(late)],
        FailureReason.HeartbeatTimeout,
      ]),
      "JobMarketNotTimedOut",
    );
  });

  it("width overflow: a QC payment above 2^104 wei makes every settlement path revert; the job and every collateral are stuck", async () => {
    const r = await loadFixture(release1Attacked);
    const testClient = await hre.viem.getTestClient();
    await testClient.setBalance({ address: address(r.qc), value: 2n ** 110n });
    const job = await r1Job(r, { mpcPrice: 500n, pay: 2n ** 104n + 10_000n }); // its refund alone passes 2^104 - 1
    expect(await r1State(r.market, job.id)).to.equal(JobState.Dispatched);
    for (const d of job.dos.slice(0, 2)) {
      await release1Write(r.market, d, "updateJobStatus", [
        job.id,
        status(TaskType.Training, ALL, ALL, Status.Completed),
      ]);
    }
    const last = [job.id, status(TaskType.Training, ALL, ALL, Status.Completed)];
    await expectRevert(
      release1Write(r.market, job.dos[2], "updateJobStatus", last),
      "JobMarketAmountTooLarge",
    );
    await expectRevert(release1Write(r.market, r.qc, "cancelJob", [job.id]), "JobMarketAmountTooLarge");
    await mine(3601);
    await expectRevert(
      release1Write(r.market, r.stranger, "reportFailure", [
        job.id,
        [address(job.dos[2])],
        FailureReason.HeartbeatTimeout,
      ]),
      "JobMarketAmountTooLarge",
    );
    expect((await r1Stake(r.market, job.dos[0])).locked).to.equal(3000n);
  });
});

forEachAsset((asset) =>
  describe(`release 1 attacks, against the current market (closed by docs/rules.md §11) · ${asset}`, () => {
    /** The review's sybil set-up: the victim DO with a stake of 100 units, the GDS's own QC and MPC. */
    async function sybilWorld() {
      const w = await world(asset);
      const victim = w.outsiders[1];
      const stake = 100n * w.unit;
      await w.register(victim, Role.DO, stake);
      const sybilQc = w.outsiders[2];
      const sybilMpc = w.mpcs[5];
      const order = () => w.job().dos([victim], { price: stake }).mpcs([sybilMpc], { price: 1n }).qc(sybilQc);
      return { w, victim, stake, order };
    }

    it("GDS sybil stake grab, stopped by terms: the victim's maxCollateral refuses the order; its stake is intact", async () => {
      const { w, victim, stake, order } = await sybilWorld();
      await w.setTerms(victim, { maxCollateral: stake / 10n });
      await expectRevert(order().ordered(), "JobMarketTermsRejected");
      expect(await w.stakeOf(victim)).to.deep.equal({ free: stake, locked: 0n });
    });

    it("GDS sybil stake grab, stopped by a challenge: the judgement is overturned, the victim keeps its stake and gets the bond", async () => {
      const { w, victim, stake, order } = await sybilWorld();
      const job = await order().dispatched();
      await job.judge([victim]);
      const { bond } = await job.view();
      expect(bond).to.equal(stake / 10n); // 10 % of the whole stake the judgement asks
      await job.challenge(victim);
      await job.resolve([]); // the arbiter overturns
      expect(await job.state()).to.equal(JobState.Failed);
      expect(await w.stakeOf(victim)).to.deep.equal({ free: stake + bond, locked: 0n });
    });

    it("locked forever, stopped by terms: a node that stops accepting gets no new orders and frees its stake at expiry", async () => {
      const w = await world(asset);
      const [node] = w.dos;
      const first = await w
        .job()
        .dos([node], { price: w.stake / 2n })
        .ordered();
      await w.setTerms(node, { accepting: false });
      await expectRevert(
        w
          .job()
          .dos([node], { price: w.stake / 2n })
          .ordered(),
        "JobMarketTermsRejected",
      );
      await mine(3600);
      await first.cancel(node);
      expect(await w.stakeOf(node)).to.deep.equal({ free: w.stake, locked: 0n });
      await w.withdraw(node, w.stake);
    });

    it("front-run cancel, stopped by maxFine: the free cancel that loses the race reverts and costs the QC nothing", async () => {
      const w = await world(asset);
      const job = await w.job().ordered();
      await job.pay(4400n);
      await job.assign(); // mined first: dispatches the paid job
      await expectRevert(job.cancel(job.qc, 0n), "JobMarketFineAboveLimit");
      const view = await job.view();
      expect([view.state, view.paid]).to.deep.equal([JobState.Dispatched, 4400n]);
      expect(await w.market.read.balanceOf([job.qc.account.address])).to.equal(0n);
    });

    it("stale consent, stopped by maxTotal: a consent signed at 4,400 reverts when the GDS re-assigned at 5,500", async () => {
      const w = await world(asset);
      const job = await w.job().quote(4000n).ordered();
      await job.pay(6000n);
      await job.assign(undefined, 500n); // 4,400: the QC signs its consent for at most this
      await job.assign(undefined, 1000n); // the GDS re-assigns at 5,500 first
      await expectRevert(job.pay(0n, { maxTotal: 4400n }), "JobMarketPriceAboveLimit");
      expect(await job.state()).to.equal(JobState.Ordered);
    });

    it("stale replacement request, stopped by lapsing: the MPC's next update ends it; a finished MPC cannot be replaced", async () => {
      const w = await world(asset);
      const job: Job = await w.job().vertical().mpcs(2).dispatched();
      const [worker] = job.mpcs;
      await job.requestReplacement(job.dos[0], worker);
      await job.complete(worker, TaskType.PSI); // its next accepted update: the request lapses
      await expectRevert(job.replace(worker, w.mpcs[2]), "JobMarketReplacementNotAllowed");
      for (const p of job.participants.filter((x) => x !== worker)) await job.complete(p, TaskType.PSI);
      await job.requestReplacement(job.dos[0], worker);
      await job.complete(worker);
      await expectRevert(job.replace(worker, w.mpcs[2]), "JobMarketParticipantFinished");
    });

    it("late Failed report, stopped: the MPC stays timed out and is fined as detected", async () => {
      const w = await world(asset);
      const job = await w.job().dispatched();
      const [late] = job.mpcs;
      await mine(3601);
      await w.heartbeat(...job.participants.filter((p) => p !== late));
      await job.fail(late);
      expect(await job.isTimedOut(late)).to.equal(true);
      const receipt = await job.report([late], FailureReason.HeartbeatTimeout, w.stranger);
      const [fined] = await w.market.getEvents.Fined({}, { blockHash: receipt.blockHash });
      expect(fined.args).to.deep.include({ amount: job.collateral, reason: FailureReason.HeartbeatTimeout });
    });

    it("width overflow, stopped when paid: a payment that would make the market owe more than 2^104 - 1 reverts", async () => {
      const w = await world(asset);
      await w.fund(w.qc, 2n ** 106n);
      const job = await w.job().assigned();
      const room = 2n ** 104n - 1n - (await w.market.read.holdings());
      await expectRevert(job.pay(room + 1n), "JobMarketAmountTooLarge");
      await job.pay(room); // the most it can hold: the job still settles
      await job.completeAll();
      expect(await job.state()).to.equal(JobState.Completed);
    });
  }),
);
