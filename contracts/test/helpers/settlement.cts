// Checks a settlement on the market against the money model (src/protocol/money), to the wei and
// event by event: RewardDistributed, Refund, each Fined and each CollateralReleased in the order the
// model lists them, JobSettled, every party's balance change, the collateral released and value
// conservation.
import { expect } from "chai";
import type { Address, TransactionReceipt } from "viem";
import { sumOf, type Credit, type Fine, type SettlementOutcome } from "../../../src/protocol/money/index.ts";
import { eventsOf } from "./chain.cjs";
import type { Job } from "./jobs.cjs";
import { addressOf, type Wallet } from "./world.cjs";

/** A settlement as the market emitted it, in the model's shape. */
export interface EmittedSettlement {
  credits: Credit[];
  refunds: Credit[];
  fines: Fine[];
  released: Credit[];
  settledStates: number[];
  /** BondReleased amounts (a judgement's settlement emits one) */
  bondReleased: bigint[];
}

const lower = (a: string) => a.toLowerCase() as Address;

/** The settlement events of `job` in a receipt. */
export function emittedSettlement(
  job: Pick<Job, "w" | "id">,
  receipt: TransactionReceipt,
): EmittedSettlement {
  const out: EmittedSettlement = {
    credits: [],
    refunds: [],
    fines: [],
    released: [],
    settledStates: [],
    bondReleased: [],
  };
  for (const e of eventsOf(job.w.market.abi, receipt, job.id)) {
    const a = e.args;
    if (e.eventName === "RewardDistributed" || e.eventName === "Refund") {
      const recipients = a.recipients as Address[];
      const amounts = a.amounts as bigint[];
      expect(recipients.length).to.equal(amounts.length);
      const target = e.eventName === "Refund" ? out.refunds : out.credits;
      recipients.forEach((account, i) => target.push({ account: lower(account), amount: amounts[i] }));
    } else if (e.eventName === "Fined") {
      out.fines.push({
        account: lower(a.offender as Address),
        amount: a.amount as bigint,
        reason: Number(a.reason),
      });
    } else if (e.eventName === "CollateralReleased") {
      out.released.push({ account: lower(a.node as Address), amount: a.amount as bigint });
    } else if (e.eventName === "JobSettled") {
      out.settledStates.push(Number(a.finalState));
    } else if (e.eventName === "BondReleased") {
      out.bondReleased.push(a.amount as bigint);
    }
  }
  return out;
}

const credits = (xs: readonly Credit[]) => xs.map((c) => ({ account: lower(c.account), amount: c.amount }));
const fines = (xs: readonly Fine[]) =>
  xs.map((f) => ({ account: lower(f.account), amount: f.amount, reason: f.reason }));

/** The events of a settlement equal the model's outcome, entry by entry and in order. */
export function expectSameEvents(
  emitted: EmittedSettlement,
  expected: SettlementOutcome,
  finalState: number,
  qc: Address,
): void {
  expect(emitted.credits, "RewardDistributed").to.deep.equal(credits(expected.credits));
  expect(emitted.refunds, "Refund").to.deep.equal([{ account: lower(qc), amount: expected.refund }]);
  expect(emitted.fines, "Fined").to.deep.equal(fines(expected.fines));
  expect(emitted.released, "CollateralReleased").to.deep.equal(credits(expected.released));
  expect(emitted.settledStates, "JobSettled").to.deep.equal([finalState]);
  const bond = expected.bondReleased === undefined ? [] : [expected.bondReleased];
  expect(emitted.bondReleased, "BondReleased").to.deep.equal(bond);
}

/** What `account` receives (credits, the refund, the bond back) minus what it is fined, in an outcome. */
export function netOf(outcome: SettlementOutcome, account: Address, qc: Address, gds: Address): bigint {
  const key = lower(account);
  const credited = sumOf(outcome.credits.filter((c) => lower(c.account) === key));
  const fined = sumOf(outcome.fines.filter((f) => lower(f.account) === key));
  const refund = key === lower(qc) ? outcome.refund : 0n;
  const bond = key === lower(gds) ? (outcome.bondReleased ?? 0n) : 0n;
  return credited - fined + refund + bond;
}

/**
 * Settles with `settle` and checks it against `expected`: the events, each party's free + locked
 * change (the participants, the QC, the GDS and `others`), each participant's collateral fully released,
 * the final state, and sum(credits) + refund = paid + sum(fines) + the bond forfeited.
 */
export async function expectSettlement(
  job: Job,
  expected: SettlementOutcome,
  finalState: number,
  settle: () => Promise<TransactionReceipt>,
  others: Wallet[] = [],
): Promise<TransactionReceipt> {
  const w = job.w;
  const participants = job.participants.map((p) => p.account.address);
  const parties = [
    ...new Set([...participants, job.qc.account.address, w.gds.account.address, ...others.map(addressOf)]),
  ];
  const before = await Promise.all(parties.map((p) => w.stakeOf(p)));
  const jobBefore = await job.view();
  const receipt = await settle();

  const emitted = emittedSettlement(job, receipt);
  expectSameEvents(emitted, expected, finalState, job.qc.account.address);
  expect(sumOf(emitted.credits) + sumOf(emitted.refunds), "conservation").to.equal(
    jobBefore.paid + sumOf(emitted.fines) + (expected.bondForfeited ?? 0n),
  );

  const after = await Promise.all(parties.map((p) => w.stakeOf(p)));
  parties.forEach((p, i) => {
    const change = after[i].free + after[i].locked - (before[i].free + before[i].locked);
    expect(change, `balance change of ${p}`).to.equal(
      netOf(expected, p, job.qc.account.address, w.gds.account.address),
    );
    if (participants.includes(p)) {
      expect(before[i].locked - after[i].locked, `collateral released by ${p}`).to.equal(
        jobBefore.collateral,
      );
    }
  });
  expect(await job.state()).to.equal(finalState);
  return receipt;
}

/** What a settlement credited to `who` (RewardDistributed), 0 when nothing. */
export function creditOf(emitted: EmittedSettlement, who: Wallet | Address): bigint {
  const key = lower(addressOf(who));
  return sumOf(emitted.credits.filter((c) => c.account === key));
}
