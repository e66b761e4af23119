// SPEC.md §3 and §6 in bigint wei, written from the SPEC's text, so the journeys check the chain and
// the screen against the rules, not against the contract's own arithmetic. Every division floors;
// every rounding dust goes to the GDS.
import type { Address } from "viem";

export const BPS = 10_000n;

export interface Member {
  who: Address;
  fee: bigint;
}

/** Credits (RewardDistributed), returns to the QC (Refund) and fines, per lower-case address. */
export class Outcome {
  readonly rewards = new Map<string, bigint>();
  readonly refunds = new Map<string, bigint>();
  readonly fines = new Map<string, bigint>();

  reward(who: Address, amount: bigint): void {
    add(this.rewards, who, amount);
  }
  refund(who: Address, amount: bigint): void {
    add(this.refunds, who, amount);
  }
  fine(who: Address, amount: bigint): void {
    add(this.fines, who, amount);
  }
  rewardOf(who: Address): bigint {
    return this.rewards.get(who.toLowerCase()) ?? 0n;
  }
  refundOf(who: Address): bigint {
    return this.refunds.get(who.toLowerCase()) ?? 0n;
  }
  fineOf(who: Address): bigint {
    return this.fines.get(who.toLowerCase()) ?? 0n;
  }
}

function add(map: Map<string, bigint>, who: Address, amount: bigint): void {
  if (amount === 0n) return;
  const key = who.toLowerCase();
  map.set(key, (map.get(key) ?? 0n) + amount);
}

export interface Price {
  doFees: bigint[];
  mpcFee: bigint;
  gdsFee: bigint;
  total: bigint;
  collateral: bigint;
}

/** §3: DO fee p_i·F; MPC fee m (Horizontal) or m·N·F (Vertical); GDS fee in bps of the rest. */
export function priceOf(
  jobType: number,
  doPrices: readonly bigint[],
  factor: bigint,
  mpcCount: bigint,
  mpcPrice: bigint,
  gdsFeeBps: bigint,
): Price {
  const doFees = doPrices.map((p) => p * factor);
  const doSum = doFees.reduce((a, b) => a + b, 0n);
  const mpcFee = jobType === 0 ? mpcPrice : mpcPrice * BigInt(doPrices.length) * factor;
  const gdsFee = ((doSum + mpcFee * mpcCount) * gdsFeeBps) / BPS;
  return { doFees, mpcFee, gdsFee, total: doSum + mpcFee * mpcCount + gdsFee, collateral: doSum };
}

/** Splits `amount` by fee (floor each); returns the dust. */
function splitByFee(out: Outcome, amount: bigint, members: readonly Member[]): bigint {
  const feeSum = members.reduce((a, m) => a + m.fee, 0n);
  let given = 0n;
  for (const m of members) {
    const part = (amount * m.fee) / feeSum;
    out.reward(m.who, part);
    given += part;
  }
  return amount - given;
}

/** §4 happy path. */
export function completion(a: {
  qc: Address;
  gds: Address;
  paid: bigint;
  price: Price;
  paidMembers: readonly Member[];
}): Outcome {
  const out = new Outcome();
  for (const m of a.paidMembers) out.reward(m.who, m.fee);
  out.reward(a.gds, a.price.gdsFee);
  out.refund(a.qc, a.paid - a.price.total);
  return out;
}

/** §6.6: the QC cancels a dispatched job: cancelFineBps of the total, split by fee (GDS by its fee). */
export function cancellationAfterDispatch(a: {
  qc: Address;
  gds: Address;
  paid: bigint;
  price: Price;
  members: readonly Member[];
  cancelFineBps: bigint;
}): Outcome {
  const out = new Outcome();
  const fine = (a.price.total * a.cancelFineBps) / BPS;
  const dust = splitByFee(out, fine, [...a.members, { who: a.gds, fee: a.price.gdsFee }]);
  out.reward(a.gds, dust);
  out.refund(a.qc, a.paid - fine);
  return out;
}

export interface GoodDo extends Member {
  completedEpochs: bigint;
}

/** §6 rules 1–4: fines, full QC refund, good DOs compensated first, remainder by the type's shares. */
export function failure(a: {
  qc: Address;
  gds: Address;
  paid: bigint;
  collateral: bigint;
  offenders: readonly { who: Address; fineBps: bigint }[];
  goodDos: readonly GoodDo[];
  goodMpcs: readonly Member[];
  shares: readonly [bigint, bigint, bigint];
  /** settleAbort: compensation pro rata of completed epochs; reportFailure: the full fee. */
  byAbort: boolean;
  totalEpochs: bigint;
}): Outcome {
  const out = new Outcome();
  const k = BigInt(a.offenders.length);
  let pool = 0n;
  for (const o of a.offenders) {
    const fine = (o.fineBps * a.collateral) / (BPS * k);
    out.fine(o.who, fine);
    pool += fine;
  }
  out.refund(a.qc, a.paid);
  const owed = a.goodDos.map((d) => (a.byAbort ? (d.fee * d.completedEpochs) / a.totalEpochs : d.fee));
  const owedSum = owed.reduce((x, y) => x + y, 0n);
  if (owedSum >= pool) {
    let given = 0n;
    a.goodDos.forEach((d, i) => {
      const part = owedSum === 0n ? 0n : (owed[i]! * pool) / owedSum;
      out.reward(d.who, part);
      given += part;
    });
    out.reward(a.gds, pool - given);
    return out;
  }
  a.goodDos.forEach((d, i) => out.reward(d.who, owed[i]!));
  const remainder = pool - owedSum;
  const hasDos = a.goodDos.length > 0;
  const hasMpcs = a.goodMpcs.length > 0;
  if (!hasDos && !hasMpcs) {
    out.refund(a.qc, remainder);
    return out;
  }
  const [gdsBps, mpcBps, doBps] = a.shares;
  const active = gdsBps + (hasMpcs ? mpcBps : 0n) + (hasDos ? doBps : 0n);
  let dust = remainder;
  if (hasMpcs) {
    const share = (remainder * mpcBps) / active;
    dust -= share;
    dust += splitByFee(out, share, a.goodMpcs);
  }
  if (hasDos) {
    const share = (remainder * doBps) / active;
    dust -= share;
    dust += splitByFee(out, share, a.goodDos);
  }
  out.reward(a.gds, dust);
  return out;
}
