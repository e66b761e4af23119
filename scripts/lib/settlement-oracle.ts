// The tests' oracle is the protocol's money model (src/protocol/money). These helpers feed it the job a
// test set up, read what the chain's events say a settlement moved in the model's own shape, and say
// what one account gains, so a test compares the two whole: to the wei and in order.
import type { Address, Hex, PublicClient } from "viem";
import { Role } from "../../src/protocol/enums.ts";
import { jobMarketAbi } from "../../src/protocol/generated/abis.ts";
import {
  type Credit,
  creditOf,
  doFee,
  type Fine,
  type JobMoney,
  type PriceBreakdown,
  type SettlementMember,
  type SettlementOutcome,
  sumOf,
} from "../../src/protocol/money/index.ts";

/** The part of a settlement its events show: RewardDistributed's credits, the Refund, each Fined. */
export type SettlementMoves = Pick<SettlementOutcome, "credits" | "refund" | "fines">;

/** The moves of a model settlement, to compare with what the chain emitted. */
export function movesOf(outcome: SettlementOutcome): SettlementMoves {
  return { credits: outcome.credits, refund: outcome.refund, fines: outcome.fines };
}

/** The settlement of job `id` from its RewardDistributed, Refund and Fined events (one settlement). */
export async function readSettlement(
  client: PublicClient,
  market: Address,
  id: Hex,
): Promise<SettlementMoves> {
  const events = (eventName: "RewardDistributed" | "Refund" | "Fined") =>
    client.getContractEvents({ address: market, abi: jobMarketAbi, eventName, args: { id }, fromBlock: 0n });
  const [rewards, refunds, fined] = await Promise.all([
    events("RewardDistributed"),
    events("Refund"),
    events("Fined"),
  ]);
  const list = (logs: typeof rewards): Credit[] =>
    logs.flatMap((log) => {
      const { recipients, amounts } = log.args as {
        recipients: readonly Address[];
        amounts: readonly bigint[];
      };
      return recipients.map((account, i) => ({ account, amount: amounts[i]! }));
    });
  if (refunds.length > 1) throw new Error(`job ${id} was refunded ${refunds.length} times`);
  return {
    credits: list(rewards),
    refund: list(refunds).reduce((sum, c) => sum + c.amount, 0n),
    fines: fined.map((log): Fine => {
      const { offender, amount, reason } = log.args as { offender: Address; amount: bigint; reason: number };
      return { account: offender, amount, reason };
    }),
  };
}

/**
 * A job's participants as a settlement sees them: its DOs in order (fee p_i * F, with the epochs
 * each completed), then its current MPCs (fee from the price).
 */
export function jobMembers(
  job: { dos: readonly Address[]; doPrices: readonly bigint[]; factor: number },
  mpcs: readonly Address[],
  price: PriceBreakdown,
  completedEpochs: readonly number[] = [],
): SettlementMember[] {
  return [
    ...job.dos.map((account, i) => ({
      account,
      role: Role.DO,
      fee: doFee(job.doPrices[i]!, job.factor),
      completedEpochs: completedEpochs[i] ?? 0,
    })),
    ...mpcs.map((account) => ({ account, role: Role.MPC, fee: price.mpcFee })),
  ];
}

/** The money side of a job the QC paid exactly its price. */
export function paidInFull(gds: Address, price: PriceBreakdown): JobMoney {
  return { gds, collateral: price.collateral, totalPrice: price.total, paid: price.total };
}

/** What the settlement credits `who` (a participant, the GDS) or returns to it (the QC `qc`). */
export function gainOf(outcome: SettlementOutcome, qc: Address, who: Address): bigint {
  return creditOf(outcome, who) + (who === qc ? outcome.refund : 0n);
}

/** The collateral the settlement unlocks for `who` (its collateral less its fine). */
export function releasedTo(outcome: SettlementOutcome, who: Address): bigint {
  return sumOf(outcome.released.filter((r) => r.account === who));
}
