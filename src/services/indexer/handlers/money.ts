// Money: stake in and out, collateral locked and released, and a settlement's fines, credits and
// refunds. Every account's (free, locked) follows the contract's own bookkeeping (JobRules.lock /
// release / credit), so it equals stakeOf(account) at the same block.
import { balance, job, node, participant, settlement } from "ponder:schema";
import type { Address, Hex } from "viem";
import { newParticipant } from "./jobs.ts";
import type { Db, MarketEvent, Projection } from "./types.ts";

type BalanceChange = Partial<
  Record<"free" | "locked" | "deposited" | "withdrawn" | "credited" | "refunded" | "fined" | "bonded", bigint>
>;

/** Adds `change` to an account's balance row (created at its first money event). */
export async function addToBalance(db: Db, account: Address, change: BalanceChange): Promise<void> {
  const zero = {
    free: 0n,
    locked: 0n,
    deposited: 0n,
    withdrawn: 0n,
    credited: 0n,
    refunded: 0n,
    fined: 0n,
    bonded: 0n,
  };
  await db
    .insert(balance)
    .values({ account, ...zero, ...change })
    .onConflictDoUpdate((row) => ({
      free: row.free + (change.free ?? 0n),
      locked: row.locked + (change.locked ?? 0n),
      deposited: row.deposited + (change.deposited ?? 0n),
      withdrawn: row.withdrawn + (change.withdrawn ?? 0n),
      credited: row.credited + (change.credited ?? 0n),
      refunded: row.refunded + (change.refunded ?? 0n),
      fined: row.fined + (change.fined ?? 0n),
      bonded: row.bonded + (change.bonded ?? 0n),
    }));
}

/** Takes `amount` off a participant's collateral in a job; its node holds one job fewer once none is left. */
async function unlock(db: Db, jobId: Hex, account: Address, amount: bigint, fine: bigint): Promise<void> {
  const part = await db.find(participant, { jobId, account });
  if (!part) throw new Error(`The indexer has no participant ${account} in job ${jobId}`);
  const held = part.collateral; // read before the update, which changes the cached row in place
  const collateral = held - amount;
  await db.update(participant, { jobId, account }).set({ collateral, fined: part.fined + fine });
  if (held > 0n && collateral === 0n) {
    await db.update(node, { account }).set((row) => ({ activeJobs: row.activeJobs - 1 }));
  }
}

async function addToJob(
  db: Db,
  id: Hex,
  field: "fined" | "rewarded" | "refunded",
  amount: bigint,
  block: bigint,
) {
  await db.update(job, { id }).set((row) => ({ [field]: row[field] + amount, lastEventBlock: block }));
}

function settlementRow(event: MarketEvent, index: number, jobId: Hex, account: Address, amount: bigint) {
  return {
    // Fixed width, so the ids sort in the event's own order.
    id: `${event.id}:${String(index).padStart(5, "0")}`,
    jobId,
    account,
    amount,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  };
}

export const onCollateralLocked: Projection<"CollateralLocked"> = async (event, { db, flows }) => {
  const { id, node: account, amount } = event.args;
  // The DOs lock before JobOrdered names them, the MPCs before MpcsAssigned or MpcReplaced.
  await db
    .insert(participant)
    .values({ ...newParticipant(id, account, event.block.number), collateral: amount })
    .onConflictDoUpdate((row) => ({ collateral: row.collateral + amount, current: true }));
  await db.update(node, { account }).set((row) => ({ activeJobs: row.activeJobs + 1, jobs: row.jobs + 1 }));
  // An MPC's lock comes after JobOrdered (which names the DOs): the job lists it among its nodes.
  const jobNow = await db.find(job, { id });
  if (jobNow && !jobNow.nodes.some((n) => n.toLowerCase() === account.toLowerCase()))
    await db.update(job, { id }).set({ nodes: [...jobNow.nodes, account] });
  await addToBalance(db, account, { free: -amount, locked: amount });
  flows.collateralLocked = amount;
};

export const onCollateralReleased: Projection<"CollateralReleased"> = async (event, { db, flows }) => {
  const { id, node: account, amount } = event.args;
  await unlock(db, id, account, amount, 0n);
  await addToBalance(db, account, { free: amount, locked: -amount });
  flows.collateralLocked = -amount;
};

export const onFined: Projection<"Fined"> = async (event, { db, flows }) => {
  const { id, offender, amount, reason } = event.args;
  // The fine leaves the offender's collateral for the job's pool; the rest comes back as CollateralReleased.
  await unlock(db, id, offender, amount, amount);
  await addToBalance(db, offender, { locked: -amount, fined: amount });
  await db
    .insert(settlement)
    .values({ ...settlementRow(event, 0, id, offender, amount), kind: "fine", reason });
  await addToJob(db, id, "fined", amount, event.block.number);
  flows.collateralLocked = -amount;
  flows.fined = amount;
};

/** The entries of a RewardDistributed (credits) or a Refund (refunds): rows, balances, the job's total. */
async function payOut(
  event: MarketEvent<"RewardDistributed" | "Refund">,
  db: Db,
  kind: "credit" | "refund",
): Promise<bigint> {
  const { id, recipients, amounts } = event.args;
  let total = 0n;
  for (const [i, account] of recipients.entries()) {
    const amount = amounts[i]!;
    total += amount;
    await db.insert(settlement).values({ ...settlementRow(event, i, id, account, amount), kind });
    await addToBalance(
      db,
      account,
      kind === "credit" ? { free: amount, credited: amount } : { free: amount, refunded: amount },
    );
    if (kind === "credit") {
      // The GDS is credited too, and is no participant.
      const part = await db.find(participant, { jobId: id, account });
      if (part)
        await db.update(participant, { jobId: id, account }).set({ rewarded: part.rewarded + amount });
    }
  }
  await addToJob(db, id, kind === "credit" ? "rewarded" : "refunded", total, event.block.number);
  return total;
}

export const onRewardDistributed: Projection<"RewardDistributed"> = async (event, { db, flows }) => {
  flows.rewarded = await payOut(event, db, "credit");
};

export const onRefund: Projection<"Refund"> = async (event, { db, flows }) => {
  flows.refunded = await payOut(event, db, "refund");
};

export const onDeposited: Projection<"Deposited"> = async (event, { db, flows }) => {
  const { account, amount } = event.args;
  await addToBalance(db, account, { free: amount, deposited: amount });
  flows.deposited = amount;
};

export const onWithdrawn: Projection<"Withdrawn"> = async (event, { db, flows }) => {
  const { account, amount } = event.args;
  await addToBalance(db, account, { free: -amount, withdrawn: amount });
  flows.withdrawn = amount;
};
