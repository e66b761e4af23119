// Contestable judgements (docs/rules.md §11.7): the GDS's bond, the judgement that freezes the job
// (Judged, 7), a named participant's challenge (Challenged, 8), the arbiter's ruling, and how it ended.
// The contract's order within one transaction: BondLocked then JobJudged; ChallengeResolved, then
// BondReleased, then the settlement's Fined / RewardDistributed / Refund / CollateralReleased and
// JobSettled. A forfeited share of the bond reaches the overturned participants as RewardDistributed.
import { job, judgement, participant } from "ponder:schema";
import type { Hex } from "viem";
import { JobState } from "../../../protocol/enums.ts";
import { jobRow, type SnapshotTrustParameters } from "./jobs.ts";
import { addToBalance } from "./money.ts";
import { marketRow } from "./totals.ts";
import type { Db, Projection } from "./types.ts";

export const onBondLocked: Projection<"BondLocked"> = async (event, { db, flows }) => {
  const { id, gds, amount } = event.args;
  await db.update(job, { id }).set({ bond: amount, lastEventBlock: event.block.number });
  // Taken from the GDS's balance; held by the job until the judgement settles.
  await addToBalance(db, gds, { free: -amount, bonded: amount });
  flows.bonds = amount;
};

export const onJobJudged: Projection<"JobJudged"> = async (event, { db, flows, market }) => {
  const { id, gds, offenders, bond, challengeDeadline } = event.args;
  const row = await jobRow(db, id);
  // A job ordered before release 2 snapshotted no trust parameters: it takes the market's at the judgement.
  const trust =
    row.judgementBondBps === 0
      ? ((await marketRow(db, market)).trustParameters as SnapshotTrustParameters)
      : { arbitrationBlocks: row.arbitrationBlocks };
  await db.insert(judgement).values({
    jobId: id,
    gds,
    named: [...offenders],
    bond,
    judgedBlock: event.block.number,
    judgedAt: event.block.timestamp,
    challengeDeadline,
    arbitrationDeadline: challengeDeadline + BigInt(trust.arbitrationBlocks ?? 0),
    outcome: "pending",
    bondReleased: 0n,
    bondForfeited: 0n,
  });
  for (const account of offenders) await db.update(participant, { jobId: id, account }).set({ named: true });
  await db.update(job, { id }).set({
    state: JobState.Judged,
    judgedBlock: event.block.number,
    lastEventBlock: event.block.number,
  });
  flows.stateMove = { from: row.state, to: JobState.Judged };
  flows.judgements = 1;
};

export const onJudgementChallenged: Projection<"JudgementChallenged"> = async (event, { db, flows }) => {
  const { id, challenger } = event.args;
  await db
    .update(judgement, { jobId: id })
    .set({ challenger, challengedBlock: event.block.number, outcome: "challenged" });
  await db.update(job, { id }).set({
    state: JobState.Challenged,
    challengedBlock: event.block.number,
    lastEventBlock: event.block.number,
  });
  flows.stateMove = { from: JobState.Judged, to: JobState.Challenged };
};

export const onChallengeResolved: Projection<"ChallengeResolved"> = async (event, { db }) => {
  const { id, arbiter, upheld } = event.args;
  await db
    .update(judgement, { jobId: id })
    .set({ arbiter, upheld: [...upheld], resolvedBlock: event.block.number });
  await db.update(job, { id }).set({ lastEventBlock: event.block.number });
};

export const onBondReleased: Projection<"BondReleased"> = async (event, { db, flows }) => {
  const { id, gds, amount } = event.args;
  const row = await jobRow(db, id);
  const forfeited = row.bond - amount;
  await db.update(job, { id }).set({
    bondReleased: amount,
    bondForfeited: forfeited,
    lastEventBlock: event.block.number,
  });
  await db.update(judgement, { jobId: id }).set({ bondReleased: amount, bondForfeited: forfeited });
  // The whole bond leaves the job: `amount` back to the GDS, the rest credited to others (RewardDistributed).
  await addToBalance(db, gds, { free: amount, bonded: -row.bond });
  flows.bonds = -row.bond;
};

/** At the job's JobSettled: how its judgement ended (`stateBefore` is Judged or Challenged). */
export async function closeJudgement(db: Db, id: Hex, stateBefore: number, block: bigint): Promise<void> {
  const row = await db.find(judgement, { jobId: id });
  if (!row) return;
  const ruled = row.upheld !== null;
  const outcome = ruled
    ? row.upheld!.length === row.named.length
      ? "upheld"
      : row.upheld!.length === 0
        ? "overturned"
        : "partly upheld"
    : stateBefore === JobState.Judged
      ? "upheld"
      : "overturned";
  const settledBy = ruled ? "arbiter" : stateBefore === JobState.Judged ? "window" : "deadline";
  await db.update(judgement, { jobId: id }).set({ outcome, settledBy, settledBlock: block });
}
