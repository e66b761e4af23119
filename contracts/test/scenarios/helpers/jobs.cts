// Builds jobs step by step on a deployed market and checks a settlement to the wei: events against
// the oracle, every party's balance delta, collateral release and value conservation.
import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import type { Hash, TransactionReceipt } from "viem";
import { expectSameMap, receiptOf, settlementEvents } from "./chain.cjs";
import { sumOf, type Address, type Settlement } from "./oracle.cjs";
import type { Wallet, World } from "./world.cjs";

export const TASK = { Training: 0, PSI: 1, Aggregation: 2 } as const;
export const STATUS = { Started: 0, InProgress: 1, Completed: 2, Failed: 3 } as const;
export const ALL = 0xffffffff;
export const STATE = {
  None: 0,
  Ordered: 1,
  Dispatched: 2,
  Aborting: 3,
  Completed: 4,
  Failed: 5,
  Cancelled: 6,
} as const;
export const REASON = { SelfReported: 0, HeartbeatTimeout: 1, NonCompliantResult: 2 } as const;

let jobCounter = 0;
/** A fresh, readable bytes16 job id (the GDS makes UUIDs; any unique non-zero 16 bytes will do). */
export function newJobId(): Hash {
  jobCounter += 1;
  return `0x${"f00d".padEnd(16, "0")}${jobCounter.toString(16).padStart(16, "0")}` as Hash;
}

export interface JobSpec {
  jobType: number;
  dos: Wallet[];
  doPrices: bigint[];
  factor?: bigint;
  mpcCount: number;
  totalEpochs: number;
  quote?: bigint;
}

export interface Job extends JobSpec {
  id: Hash;
}

export const addr = (w: Wallet): Address => w.account.address.toLowerCase() as Address;

export async function placeOrder(w: World, spec: JobSpec, id: Hash = newJobId()): Promise<Job> {
  await receiptOf(
    w.market.write.placeOrder(
      [
        id,
        spec.jobType,
        w.qc.account.address,
        spec.dos.map((d) => d.account.address),
        spec.doPrices,
        Number(spec.factor ?? 1n),
        spec.mpcCount,
        spec.totalEpochs,
        spec.quote ?? 0n,
      ],
      { account: w.gds.account },
    ),
  );
  return { ...spec, id };
}

export async function assignMpcs(
  w: World,
  job: Job,
  mpcs: Wallet[],
  mpcPrice: bigint,
): Promise<TransactionReceipt> {
  return receiptOf(
    w.market.write.assignMpcs([job.id, mpcs.map((m) => m.account.address), mpcPrice], {
      account: w.gds.account,
    }),
  );
}

export async function submitQuery(w: World, job: Job, value: bigint): Promise<TransactionReceipt> {
  return receiptOf(w.market.write.submitQuery([job.id], { account: w.qc.account, value }));
}

export interface StatusArg {
  taskType: number;
  epoch: number;
  batch: number;
  status: number;
}

export async function update(w: World, job: Job, who: Wallet, s: StatusArg): Promise<TransactionReceipt> {
  return receiptOf(w.market.write.updateJobStatus([job.id, s], { account: who.account }));
}

/** Reports epochs 0..epochs-1 as completed, one update each (Training, e, ALL, Completed). */
export async function completeEpochs(
  w: World,
  job: Job,
  who: Wallet,
  epochs: number,
  taskType = TASK.Training,
) {
  for (let e = 0; e < epochs; e++) {
    await update(w, job, who, { taskType, epoch: e, batch: ALL, status: STATUS.Completed });
  }
}

/** The final update of a participant's part: (task, ALL, ALL, Completed). */
export async function finishPart(w: World, job: Job, who: Wallet, taskType: number = TASK.Training) {
  return update(w, job, who, { taskType, epoch: ALL, batch: ALL, status: STATUS.Completed });
}

export async function heartbeatAll(w: World, nodes: Wallet[]): Promise<void> {
  for (const n of nodes) await receiptOf(w.market.write.heartbeat({ account: n.account }));
}

/** Mines past `timeoutBlocks` from now while keeping `alive` nodes fresh half-way through. */
export async function timeOutAllBut(w: World, alive: Wallet[], job?: Job): Promise<void> {
  // A job's own (snapshotted) timeout when given, else the current parameter.
  const timeout = BigInt(
    job
      ? (await w.market.read.getJob([job.id])).params.timeoutBlocks
      : (await w.market.read.parameters()).timeoutBlocks,
  );
  await mine(timeout / 2n);
  await heartbeatAll(w, alive);
  await mine(timeout / 2n + 2n);
}

export interface Stakes {
  free: bigint;
  locked: bigint;
}

export async function stakesOf(w: World, accounts: Address[]): Promise<Map<Address, Stakes>> {
  const out = new Map<Address, Stakes>();
  for (const a of accounts) {
    const [free, locked] = await w.market.read.stakeOf([a]);
    out.set(a.toLowerCase() as Address, { free, locked });
  }
  return out;
}

/**
 * Settles with `settle` and checks it to the wei against the oracle's expectation: the events, each
 * party's balance (free + locked moves by reward + refund − fine), each participant's collateral
 * fully released, the job's final state, and sum(rewards) + sum(refunds) = paid + sum(fines).
 */
export async function expectSettlement(
  w: World,
  job: Job,
  parties: Address[],
  participants: Address[],
  expected: Settlement,
  finalState: number,
  settle: () => Promise<TransactionReceipt>,
): Promise<void> {
  const before = await stakesOf(w, parties);
  const jobBefore = await w.market.read.getJob([job.id]);
  const collateral = jobBefore.collateral;
  const receipt = await settle();
  const events = settlementEvents(w.market.abi, receipt, job.id);

  expectSameMap(events.fines, expected.fines, "Fined events");
  expectSameMap(events.rewards, expected.rewards, "RewardDistributed events");
  expectSameMap(events.refunds, expected.refunds, "Refund events");
  expect(events.settledStates).to.deep.equal([finalState]);
  expect(sumOf(events.rewards) + sumOf(events.refunds)).to.equal(jobBefore.paid + sumOf(events.fines));

  const after = await stakesOf(w, parties);
  for (const p of parties) {
    const key = p.toLowerCase() as Address;
    const b = before.get(key)!;
    const a = after.get(key)!;
    const delta =
      (expected.rewards.get(key) ?? 0n) + (expected.refunds.get(key) ?? 0n) - (expected.fines.get(key) ?? 0n);
    expect(a.free + a.locked - (b.free + b.locked), `balance change of ${p}`).to.equal(delta);
  }
  for (const p of participants) {
    const key = p.toLowerCase() as Address;
    expect(before.get(key)!.locked - after.get(key)!.locked, `collateral released by ${p}`).to.equal(
      collateral,
    );
  }
  const jobAfter = await w.market.read.getJob([job.id]);
  expect(jobAfter.state).to.equal(finalState);
}

/** Places, assigns and pays (exactly the total unless `pay` says otherwise): a dispatched job. */
export async function dispatchedJob(
  w: World,
  spec: JobSpec,
  mpcs: Wallet[],
  mpcPrice: bigint,
  pay?: bigint,
): Promise<{ job: Job; total: bigint; collateral: bigint }> {
  const job = await placeOrder(w, spec);
  await assignMpcs(w, job, mpcs, mpcPrice);
  const view = await w.market.read.getJob([job.id]);
  await submitQuery(w, job, pay ?? view.totalPrice);
  expect((await w.market.read.getJob([job.id])).state).to.equal(STATE.Dispatched);
  return { job, total: view.totalPrice, collateral: view.collateral };
}
