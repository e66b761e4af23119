// The money rules of docs/rules.md §6 as pure functions, one for one with FeeMath.sol (same names,
// same rounding: every division floors, and the callers give the dust to the GDS).
import { BPS } from "../constants.ts";

/** floor(fineBps * C / k): what each of k offenders loses of its collateral C (rule 1). */
export function fineOf(collateral: bigint, fineBps: number, offenders: number): bigint {
  if (offenders < 1) throw new RangeError("A fine needs at least one offender");
  return (collateral * BigInt(fineBps)) / (BPS * BigInt(offenders));
}

/** What a good DO is owed when settleAbort settles the job: fee * completedEpochs / totalEpochs (rule 3). */
export function abortCompensation(fee: bigint, completedEpochs: number, totalEpochs: number): bigint {
  return (fee * BigInt(completedEpochs)) / BigInt(totalEpochs);
}

/** `owed` paid out of `pool` when everyone is owed `totalOwed`: in full, or shrunk in proportion (rule 3). */
export function scaledCompensation(owed: bigint, pool: bigint, totalOwed: bigint): bigint {
  return totalOwed > pool ? (owed * pool) / totalOwed : owed;
}

/** amount * weight / totalWeight, rounded down: a member's part of its group's amount. */
export function proportional(amount: bigint, weight: bigint, totalWeight: bigint): bigint {
  return (amount * weight) / totalWeight;
}

/** The penalty shares of one job type, in bps of the fine pool's remainder: GDS, MPCs, DOs. */
export type Shares = readonly [gds: number, mpcs: number, dos: number];

export interface RemainderSplit {
  /** the GDS's share plus the rounding dust */
  gdsPart: bigint;
  /** to split among the good MPCs by fee */
  mpcPart: bigint;
  /** to split among the good DOs by fee */
  doPart: bigint;
  /** everything, when no DO and no MPC is good (back to the QC) */
  qcPart: bigint;
}

/**
 * Splits the fine pool's remainder among the groups (rule 4). A group with no good member (weight 0)
 * loses its share to the others in proportion to theirs; if every share left is 0, the participant
 * groups that remain take it in proportion to their fees; with no good DO and no good MPC it all
 * goes back to the QC.
 */
export function splitRemainder(
  remainder: bigint,
  shares: Shares,
  mpcWeight: bigint,
  doWeight: bigint,
): RemainderSplit {
  if (mpcWeight === 0n && doWeight === 0n) return { gdsPart: 0n, mpcPart: 0n, doPart: 0n, qcPart: remainder };
  const wGds = BigInt(shares[0]);
  let wMpc = mpcWeight === 0n ? 0n : BigInt(shares[1]);
  let wDo = doWeight === 0n ? 0n : BigInt(shares[2]);
  if (wGds + wMpc + wDo === 0n) [wMpc, wDo] = [mpcWeight, doWeight];
  const sum = wGds + wMpc + wDo;
  const mpcPart = (remainder * wMpc) / sum;
  const doPart = (remainder * wDo) / sum;
  return { gdsPart: remainder - mpcPart - doPart, mpcPart, doPart, qcPart: 0n };
}

/** What a QC pays for cancelling a dispatched job: cancelFineBps of the total price (rule 6). */
export function cancellationFine(totalPrice: bigint, cancelFineBps: number): bigint {
  return (totalPrice * BigInt(cancelFineBps)) / BPS;
}
