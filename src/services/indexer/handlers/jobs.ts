// Jobs and their participants: the order, payment, MPC assignment, dispatch, progress, replacement,
// abort and settlement events (docs/rules.md §4, §8); judgements are in judgements.ts.
import { job, participant } from "ponder:schema";
import type { Address, Hex } from "viem";
import { JobState, Role } from "../../../protocol/enums.ts";
import { doFee, mpcFee, priceOf } from "../../../protocol/money/index.ts";
import { closeJudgement } from "./judgements.ts";
import { orderTermsOf } from "./order-terms.ts";
import { progressAfter } from "./progress.ts";
import { marketRow } from "./totals.ts";
import type { Db, Projection } from "./types.ts";

/**
 * A copy of the job's row: Ponder's store hands out its cached row, which a later update of the
 * same job changes in place (reading `state` after the update would give the new state).
 */
export async function jobRow(db: Db, id: Hex): Promise<typeof job.$inferSelect> {
  const row = await db.find(job, { id });
  if (!row) throw new Error(`The indexer has no job ${id}: its JobOrdered was not indexed`);
  return { ...row };
}

/** The parameters a new job snapshots: the latest ParametersUpdated (amounts as decimal strings). */
interface SnapshotParameters {
  timeoutBlocks?: number;
  orderExpiryBlocks?: number;
  gdsFeeBps?: number;
}

/** The trust parameters a new job snapshots: the latest TrustParametersUpdated. */
export interface SnapshotTrustParameters {
  challengeWindowBlocks?: number;
  arbitrationBlocks?: number;
  judgementBondBps?: number;
}

/** A participant row with nothing locked or reported yet (a lock or a role event creates it). */
export function newParticipant(jobId: Hex, account: Address, joinedBlock: bigint) {
  return {
    jobId,
    account,
    role: Role.None,
    current: true,
    fee: null,
    collateral: 0n,
    fined: 0n,
    rewarded: 0n,
    statusUpdates: 0,
    completedEpochs: 0n,
    partComplete: false,
    failed: false,
    replacementRequested: false,
    named: false,
    joinedBlock,
  };
}

/** Names `account` a current participant of `jobId` with `role` and `fee`. */
async function seat(db: Db, jobId: Hex, account: Address, role: number, fee: bigint | null, block: bigint) {
  await db
    .insert(participant)
    .values({ ...newParticipant(jobId, account, block), role, fee })
    .onConflictDoUpdate({ role, fee, current: true });
}

/** The fee of each MPC of `row` at `mpcPrice`, when the order's terms are known. */
function mpcFeeOf(row: typeof job.$inferSelect, mpcPrice: bigint): bigint | null {
  if (row.modelComplexityFactor === null) return null;
  return mpcFee(row.jobType, mpcPrice, row.dos.length, Number(row.modelComplexityFactor));
}

export const onJobOrdered: Projection<"JobOrdered"> = async (event, { db, flows, market }) => {
  const { id, jobType, qc, gds, dos, quote } = event.args;
  const marketNow = await marketRow(db, market);
  const parameters = marketNow.parameters as SnapshotParameters;
  const trust = marketNow.trustParameters as SnapshotTrustParameters;
  const terms = orderTermsOf(event.transaction, market, id);
  // Every DO locked C before JobOrdered was emitted (its CollateralLocked came first).
  const first = await db.find(participant, { jobId: id, account: dos[0]! });
  await db.insert(job).values({
    id,
    jobType,
    qc,
    gds,
    state: JobState.Ordered,
    quote,
    mpcPrice: 0n,
    totalPrice: null,
    doPrices: terms ? terms.doPrices : null,
    totalEpochs: terms ? BigInt(terms.totalEpochs) : null,
    modelComplexityFactor: terms ? BigInt(terms.modelComplexityFactor) : null,
    mpcCount: terms ? terms.mpcCount : null,
    collateral: first?.collateral ?? 0n,
    dos: [...dos],
    mpcs: [],
    nodes: [...new Set(dos)],
    escrow: 0n,
    paid: 0n,
    fined: 0n,
    rewarded: 0n,
    refunded: 0n,
    replacements: 0,
    statusUpdates: 0,
    timeoutBlocks: Number(parameters.timeoutBlocks ?? 0),
    orderExpiryBlocks: Number(parameters.orderExpiryBlocks ?? 0),
    gdsFeeBps: Number(parameters.gdsFeeBps ?? 0),
    challengeWindowBlocks: Number(trust.challengeWindowBlocks ?? 0),
    arbitrationBlocks: Number(trust.arbitrationBlocks ?? 0),
    judgementBondBps: Number(trust.judgementBondBps ?? 0),
    bond: 0n,
    bondReleased: 0n,
    bondForfeited: 0n,
    orderedBlock: event.block.number,
    orderedAt: event.block.timestamp,
    lastEventBlock: event.block.number,
  });
  for (const [i, account] of dos.entries()) {
    const fee = terms ? doFee(terms.doPrices[i]!, terms.modelComplexityFactor) : null;
    await seat(db, id, account, Role.DO, fee, event.block.number);
  }
  flows.stateMove = { from: JobState.None, to: JobState.Ordered };
  flows.jobsOrdered = 1;
};

export const onQuerySubmitted: Projection<"QuerySubmitted"> = async (event, { db, flows }) => {
  const { id, amount, totalPaid } = event.args;
  const row = await jobRow(db, id);
  await db.update(job, { id }).set({
    escrow: totalPaid,
    paid: row.paid + amount,
    lastEventBlock: event.block.number,
  });
  flows.escrow = amount;
  flows.paidIn = amount;
};

export const onMpcsAssigned: Projection<"MpcsAssigned"> = async (event, { db }) => {
  const { id, mpcs, mpcPrice } = event.args;
  const row = await jobRow(db, id);
  // A re-assignment replaces the whole set; the same MPC may be named again.
  for (const old of row.mpcs) {
    if (!mpcs.includes(old))
      await db.update(participant, { jobId: id, account: old }).set({ current: false });
  }
  const fee = mpcFeeOf(row, mpcPrice);
  for (const account of mpcs) await seat(db, id, account, Role.MPC, fee, event.block.number);
  await db.update(job, { id }).set({
    mpcs: [...mpcs],
    mpcPrice,
    totalPrice:
      row.doPrices && row.modelComplexityFactor !== null
        ? priceOf({
            jobType: row.jobType,
            doPrices: row.doPrices,
            modelComplexityFactor: Number(row.modelComplexityFactor),
            mpcCount: mpcs.length,
            mpcPrice,
            gdsFeeBps: row.gdsFeeBps,
          }).total
        : null,
    lastEventBlock: event.block.number,
  });
};

export const onJobDispatched: Projection<"JobDispatched"> = async (event, { db, flows }) => {
  const { id, mpcs } = event.args;
  await db.update(job, { id }).set({
    state: JobState.Dispatched,
    mpcs: [...mpcs],
    dispatchedBlock: event.block.number,
    lastEventBlock: event.block.number,
  });
  flows.stateMove = { from: JobState.Ordered, to: JobState.Dispatched };
};

export const onJobStatusUpdated: Projection<"JobStatusUpdated"> = async (event, { db, flows }) => {
  const { id, participant: account, status } = event.args;
  const row = await jobRow(db, id);
  const part = await db.find(participant, { jobId: id, account });
  if (!part) throw new Error(`The indexer has no participant ${account} in job ${id}`);
  const progress = progressAfter(part, status, part.role, row.jobType, row.totalEpochs);
  await db.update(participant, { jobId: id, account }).set({
    ...progress,
    taskType: status.taskType,
    epoch: BigInt(status.epoch),
    batch: BigInt(status.batch),
    status: status.status,
    statusUpdates: part.statusUpdates + 1,
    lastStatusBlock: event.block.number,
  });
  await db.update(job, { id }).set({
    statusUpdates: row.statusUpdates + 1,
    lastEventBlock: event.block.number,
  });
  flows.statusUpdates = 1;
  flows.activeNode = account;
};

export const onMpcReplacementRequested: Projection<"MpcReplacementRequested"> = async (event, { db }) => {
  const { id, mpc } = event.args;
  await db.update(participant, { jobId: id, account: mpc }).set({ replacementRequested: true });
  await db.update(job, { id }).set({ lastEventBlock: event.block.number });
};

export const onMpcReplaced: Projection<"MpcReplaced"> = async (event, { db }) => {
  const { id, oldMpc, newMpc, replacements } = event.args;
  const row = await jobRow(db, id);
  await db.update(participant, { jobId: id, account: oldMpc }).set({ current: false });
  await seat(db, id, newMpc, Role.MPC, mpcFeeOf(row, row.mpcPrice), event.block.number);
  await db.update(job, { id }).set({
    mpcs: row.mpcs.map((m) => (m === oldMpc ? newMpc : m)),
    replacements,
    lastEventBlock: event.block.number,
  });
};

export const onJobAborting: Projection<"JobAborting"> = async (event, { db, flows }) => {
  const { id, reporter } = event.args;
  await db.update(job, { id }).set({
    state: JobState.Aborting,
    abortedBlock: event.block.number,
    abortReporter: reporter,
    lastEventBlock: event.block.number,
  });
  flows.stateMove = { from: JobState.Dispatched, to: JobState.Aborting };
};

export const onJobSettled: Projection<"JobSettled"> = async (event, { db, flows }) => {
  const { id, finalState } = event.args;
  const row = await jobRow(db, id);
  await db.update(job, { id }).set({
    state: finalState,
    escrow: 0n,
    settledBlock: event.block.number,
    settledAt: event.block.timestamp,
    lastEventBlock: event.block.number,
  });
  if (row.judgedBlock !== null) await closeJudgement(db, id, row.state, event.block.number);
  flows.stateMove = { from: row.state, to: finalState };
  flows.escrow = -row.escrow;
  flows.jobsSettled = 1;
};
