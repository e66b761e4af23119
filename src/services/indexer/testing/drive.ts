// Real transactions that make the market emit every event it has: eight jobs that end in each way a
// job ends (completed, self-reported abort after an MPC replacement, heartbeat timeout, a judgement
// upheld when its window passed, a judgement challenged and partly upheld by the arbiter, one
// challenged and left unruled, cancelled after and before dispatch), plus node terms, short trust
// parameters, a GDS's deposit for its bonds, stake in and out, a node leaving, a pause and a revoked
// role. Small prices; the fixture's nodes hold 10 ETH each.
import { type Address, type Hex, parseEther, zeroAddress } from "viem";
import { Status, TaskType } from "../../../protocol/enums.ts";
import {
  admin,
  ALL,
  devAccountsWithRole,
  dispatchJob,
  dos,
  gds,
  type JobSpec,
  letOneGoSilent,
  type MarketFixture,
  mpcs,
  placeOrder,
  priceOf,
  qc,
} from "./chain.ts";

export const spare = devAccountsWithRole("spare").map((a) => a.address);

const { Training: TRAINING, PSI, Aggregation: AGGREGATION } = TaskType;
const { InProgress: IN_PROGRESS, Completed: COMPLETED, Failed: FAILED } = Status;
const status = (taskType: number, epoch: number, batch: number, state: number) => ({
  taskType,
  epoch,
  batch,
  status: state,
});

/** Short windows (docs/rules.md §11.7), so the judgements end within a few blocks. */
export const TRUST = { challengeWindowBlocks: 4, arbitrationBlocks: 6, judgementBondBps: 1_000 };

export interface DrivenJobs {
  completed: Hex;
  aborted: Hex;
  timedOut: Hex;
  /** Judged non-compliant, unchallenged: upheld once the window passed (settleJudgement). */
  nonCompliant: Hex;
  /** Two DOs judged, one challenges, the arbiter upholds the other: a share of the bond is forfeited. */
  challenged: Hex;
  /** Judged, challenged, never ruled: overturned at the arbitration deadline, the QC gets all back. */
  unruled: Hex;
  cancelledAfterDispatch: Hex;
  cancelledBeforeDispatch: Hex;
}

/** Ordered, MPCs assigned twice (the first set released), paid in two parts, trained to completion. */
async function completedJob(f: MarketFixture): Promise<Hex> {
  const spec: JobSpec = {
    jobDos: dos.slice(0, 3),
    doPrices: [1_000n, 2_000n, 3_000n],
    jobMpcs: [mpcs[0]!],
    mpcPrice: 500n,
    totalEpochs: 2,
  };
  const id = await placeOrder(f, spec);
  const { total } = await priceOf(f, spec);
  await f.send(gds, "assignMpcs", [id, [mpcs[1]!], 500n]);
  await f.send(gds, "assignMpcs", [id, [mpcs[0]!], 500n]);
  await f.send(qc, "submitQuery", [id, total / 2n, total], total / 2n);
  await f.send(qc, "submitQuery", [id, total - total / 2n, total], total - total / 2n);
  await f.send(mpcs[0]!, "updateJobStatus", [id, status(AGGREGATION, 0, 0, IN_PROGRESS)]);
  await f.send(dos[0]!, "updateJobStatus", [id, status(TRAINING, 0, ALL, COMPLETED)]);
  for (const node of spec.jobDos)
    await f.send(node, "updateJobStatus", [id, status(TRAINING, ALL, ALL, COMPLETED)]);
  return id;
}

/** Vertical: PSI done, an MPC replaced on a DO's request, then a DO reports its own failure. */
async function abortedJob(f: MarketFixture): Promise<Hex> {
  const spec: JobSpec = {
    jobDos: [dos[3]!, dos[4]!],
    doPrices: [1_000n, 1_500n],
    jobMpcs: [mpcs[1]!, mpcs[2]!],
    mpcPrice: 100n,
    totalEpochs: 2,
    jobType: 1,
  };
  const id = await dispatchJob(f, spec);
  await f.send(dos[3]!, "updateJobStatus", [id, status(PSI, ALL, ALL, COMPLETED)]);
  await f.send(dos[3]!, "requestMpcReplacement", [id, mpcs[1]!]);
  await f.send(gds, "replaceMpc", [id, mpcs[1]!, mpcs[0]!]);
  await f.send(dos[4]!, "updateJobStatus", [id, status(PSI, 0, 0, FAILED)]);
  await f.send(gds, "settleAbort", [id]);
  return id;
}

/** A DO goes silent while the others heartbeat; anyone reports it (HeartbeatTimeout). */
async function timedOutJob(f: MarketFixture): Promise<Hex> {
  const spec: JobSpec = {
    jobDos: [dos[0]!, dos[1]!],
    doPrices: [1_000n, 1_000n],
    jobMpcs: [mpcs[2]!],
    mpcPrice: 300n,
  };
  const id = await dispatchJob(f, spec);
  await letOneGoSilent(f, id, dos[1]!, [dos[0]!, mpcs[2]!]);
  await f.send(spare[2]!, "reportFailure", [id, [dos[1]!], 1]);
  return id;
}

/** Terms before the orders (one account sets them before it registers), the GDS's bond money, short windows. */
async function termsAndTrust(f: MarketFixture): Promise<void> {
  await f.send(admin, "setTrustParameters", [TRUST]);
  const terms = { accepting: true, gds, minFee: 0n, maxCollateral: parseEther("10") };
  await f.send(dos[0]!, "setNodeTerms", [terms]);
  await f.send(mpcs[0]!, "setNodeTerms", [{ ...terms, gds: zeroAddress }]);
  await f.send(dos[0]!, "setNodeTerms", [{ ...terms, minFee: 1n }]);
  await f.send(spare[3]!, "setNodeTerms", [{ ...terms, accepting: false }]);
  await f.send(gds, "deposit", [parseEther("1")], parseEther("1"));
}

async function nonCompliantJob(f: MarketFixture): Promise<Hex> {
  const spec: JobSpec = { jobDos: [dos[2]!], doPrices: [2_000n], jobMpcs: [mpcs[1]!], mpcPrice: 700n };
  const id = await dispatchJob(f, spec);
  await f.send(dos[2]!, "updateJobStatus", [id, status(TRAINING, 0, 3, IN_PROGRESS)]);
  await f.send(gds, "reportFailure", [id, [dos[2]!], 2]);
  await f.mine(TRUST.challengeWindowBlocks);
  await f.send(spare[2]!, "settleJudgement", [id]);
  return id;
}

async function challengedJob(f: MarketFixture): Promise<Hex> {
  const spec: JobSpec = {
    jobDos: [dos[0]!, dos[1]!],
    doPrices: [30_000n, 30_001n],
    jobMpcs: [mpcs[2]!],
    mpcPrice: 5_000n,
  };
  const id = await dispatchJob(f, spec);
  await f.send(gds, "reportFailure", [id, [dos[1]!, dos[0]!], 2]);
  await f.send(dos[1]!, "challengeJudgement", [id]);
  await f.send(admin, "resolveChallenge", [id, [dos[0]!]]);
  return id;
}

async function unruledJob(f: MarketFixture): Promise<Hex> {
  const spec: JobSpec = { jobDos: [dos[4]!], doPrices: [7_000n], jobMpcs: [mpcs[0]!], mpcPrice: 900n };
  const id = await dispatchJob(f, spec);
  await f.send(gds, "reportFailure", [id, [dos[4]!], 2]);
  await f.send(dos[4]!, "challengeJudgement", [id]);
  await f.mine(TRUST.challengeWindowBlocks + TRUST.arbitrationBlocks);
  await f.send(spare[2]!, "settleJudgement", [id]);
  return id;
}

async function cancelledAfterDispatch(f: MarketFixture): Promise<Hex> {
  const spec: JobSpec = { jobDos: [dos[3]!], doPrices: [4_000n], jobMpcs: [mpcs[2]!], mpcPrice: 900n };
  const id = await dispatchJob(f, spec);
  const fine = await f.read<bigint>("cancellationFineOf", [id]);
  await f.send(qc, "cancelJob", [id, fine]);
  return id;
}

/** Paid in full but never given MPCs: the QC cancels and gets everything back. */
async function cancelledBeforeDispatch(f: MarketFixture): Promise<Hex> {
  const spec: JobSpec = { jobDos: [dos[4]!], doPrices: [5_000n], jobMpcs: [mpcs[0]!], mpcPrice: 100n };
  const id = await placeOrder(f, spec);
  const { total } = await priceOf(f, spec);
  await f.send(qc, "submitQuery", [id, total, total], total);
  await f.send(qc, "cancelJob", [id, 0n]);
  return id;
}

/** Stake in and out, a node that registers and leaves, a pause, a role granted and revoked. */
async function accountsAndAdmin(f: MarketFixture): Promise<void> {
  await f.send(dos[0]!, "deposit", [parseEther("1")], parseEther("1"));
  await f.send(dos[1]!, "withdraw", [parseEther("2")]);
  const refunds = await f.read<bigint>("balanceOf", [qc]);
  if (refunds > 0n) await f.send(qc, "withdraw", [refunds]);
  await f.send(spare[0]!, "registerNode", [1, parseEther("1")], parseEther("1"));
  await f.send(spare[0]!, "heartbeat", []);
  await f.send(spare[0]!, "deregisterNode", []);
  await f.send(spare[0]!, "withdraw", [parseEther("0.5")]);
  await f.send(admin, "pause", []);
  await f.send(admin, "unpause", []);
  const gdsRole = await f.read<Hex>("GDS_ROLE");
  await f.send(admin, "grantRole", [gdsRole, spare[1]!]);
  await f.send(admin, "revokeRole", [gdsRole, spare[1]!]);
}

export async function driveEveryEvent(f: MarketFixture): Promise<DrivenJobs> {
  await termsAndTrust(f);
  const jobs: DrivenJobs = {
    completed: await completedJob(f),
    aborted: await abortedJob(f),
    timedOut: await timedOutJob(f),
    nonCompliant: await nonCompliantJob(f),
    challenged: await challengedJob(f),
    unruled: await unruledJob(f),
    cancelledAfterDispatch: await cancelledAfterDispatch(f),
    cancelledBeforeDispatch: await cancelledBeforeDispatch(f),
  };
  await accountsAndAdmin(f);
  return jobs;
}

/** One more dispatched job with a status update and a heartbeat: what happens while the indexer is down. */
export async function driveMore(f: MarketFixture, node: Address = dos[0]!): Promise<Hex> {
  const spec: JobSpec = { jobDos: [node], doPrices: [777n], jobMpcs: [mpcs[0]!], mpcPrice: 77n };
  const id = await dispatchJob(f, spec);
  await f.send(node, "updateJobStatus", [id, status(TRAINING, 0, 0, IN_PROGRESS)]);
  await f.send(mpcs[1]!, "heartbeat", []);
  return id;
}
