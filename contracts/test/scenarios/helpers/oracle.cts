// An independent bigint model of SPEC.md sections 3 and 6, written from the text of the SPEC and
// never from the contract's code, so that the scenarios check the contract against the rules
// rather than against itself. Every division is a floor; every rounding dust goes to the GDS.

export type Address = `0x${string}`;

export const BPS = 10_000n;
export const HORIZONTAL = 0;
export const VERTICAL = 1;

/** Penalty shares (bps of the fine-pool remainder) per job type, in the order GDS, MPCs, DOs. */
export const DEFAULT_SHARES: Record<number, readonly [bigint, bigint, bigint]> = {
  [HORIZONTAL]: [1250n, 3750n, 5000n],
  [VERTICAL]: [1000n, 4500n, 4500n],
};

export const FINE_BPS = { selfReport: 8000n, detected: 10_000n, cancel: 6000n } as const;

export interface Price {
  doFees: bigint[];
  doFeesSum: bigint;
  mpcFee: bigint;
  mpcFees: bigint;
  gdsFee: bigint;
  total: bigint;
  collateral: bigint;
}

/** SPEC §3: the fee table, the total and the collateral C. */
export function priceOf(
  jobType: number,
  doPrices: readonly bigint[],
  factor: bigint,
  mpcCount: bigint,
  mpcPrice: bigint,
  gdsFeeBps: bigint,
): Price {
  const doFees = doPrices.map((p) => p * factor);
  const doFeesSum = doFees.reduce((a, b) => a + b, 0n);
  const n = BigInt(doPrices.length);
  const mpcFee = jobType === HORIZONTAL ? mpcPrice : mpcPrice * n * factor;
  const mpcFees = mpcFee * mpcCount;
  const gdsFee = ((doFeesSum + mpcFees) * gdsFeeBps) / BPS;
  return {
    doFees,
    doFeesSum,
    mpcFee,
    mpcFees,
    gdsFee,
    total: doFeesSum + mpcFees + gdsFee,
    collateral: doFeesSum,
  };
}

/** What a settlement moves, per address: credits to participants/GDS, returns to the QC, fines. */
export class Settlement {
  readonly rewards = new Map<Address, bigint>();
  readonly refunds = new Map<Address, bigint>();
  readonly fines = new Map<Address, bigint>();

  reward(who: Address, amount: bigint): void {
    addTo(this.rewards, who, amount);
  }
  refund(who: Address, amount: bigint): void {
    addTo(this.refunds, who, amount);
  }
  fine(who: Address, amount: bigint): void {
    addTo(this.fines, who, amount);
  }
}

export function addTo(map: Map<Address, bigint>, who: Address, amount: bigint): void {
  const key = who.toLowerCase() as Address;
  const next = (map.get(key) ?? 0n) + amount;
  if (next === 0n) map.delete(key);
  else map.set(key, next);
}

export function sumOf(map: ReadonlyMap<Address, bigint>): bigint {
  let total = 0n;
  for (const v of map.values()) total += v;
  return total;
}

export interface Member {
  who: Address;
  fee: bigint;
}

/** Splits `amount` in proportion to the members' fees (floor each); returns the dust. */
function splitByFee(s: Settlement, amount: bigint, members: readonly Member[]): bigint {
  const feeSum = members.reduce((a, m) => a + m.fee, 0n);
  let given = 0n;
  for (const m of members) {
    const part = (amount * m.fee) / feeSum;
    s.reward(m.who, part);
    given += part;
  }
  return amount - given;
}

/** SPEC §4 happy path: everyone paid its fee, the GDS its fee, the QC its overpayment. */
export function settleHappy(args: {
  qc: Address;
  gds: Address;
  paid: bigint;
  price: Price;
  dos: readonly Member[];
  mpcs: readonly Member[];
}): Settlement {
  const s = new Settlement();
  for (const m of [...args.dos, ...args.mpcs]) s.reward(m.who, m.fee);
  s.reward(args.gds, args.price.gdsFee);
  s.refund(args.qc, args.paid - args.price.total);
  return s;
}

/** SPEC §6.6: a QC cancelling a dispatched job pays cancelFineBps of the total, split by fee. */
export function settleCancelAfterDispatch(args: {
  qc: Address;
  gds: Address;
  paid: bigint;
  price: Price;
  dos: readonly Member[];
  mpcs: readonly Member[];
  cancelFineBps?: bigint;
}): Settlement {
  const s = new Settlement();
  const fine = (args.price.total * (args.cancelFineBps ?? FINE_BPS.cancel)) / BPS;
  const members: Member[] = [...args.dos, ...args.mpcs, { who: args.gds, fee: args.price.gdsFee }];
  const dust = splitByFee(s, fine, members);
  s.reward(args.gds, dust);
  s.refund(args.qc, args.paid - fine);
  return s;
}

export interface Offender {
  who: Address;
  fineBps: bigint;
}

export interface GoodDo extends Member {
  /** completed epochs, used only when settled by settleAbort */
  completedEpochs?: bigint;
}

/**
 * SPEC §6 rules 1–4: fines, QC refund, compensation of good DOs first, the remainder split by the
 * job type's shares. `byAbort` selects pro-rata compensation (settleAbort) over the full fee.
 */
export function settleFailure(args: {
  qc: Address;
  gds: Address;
  paid: bigint;
  collateral: bigint;
  offenders: readonly Offender[];
  goodDos: readonly GoodDo[];
  goodMpcs: readonly Member[];
  shares: readonly [bigint, bigint, bigint];
  byAbort: boolean;
  totalEpochs?: bigint;
}): Settlement {
  const s = new Settlement();
  const k = BigInt(args.offenders.length);
  let pool = 0n;
  for (const o of args.offenders) {
    const fine = (o.fineBps * args.collateral) / (BPS * k);
    s.fine(o.who, fine);
    pool += fine;
  }
  s.refund(args.qc, args.paid);

  const compensation = args.goodDos.map((d) => {
    if (!args.byAbort) return d.fee;
    if (args.totalEpochs === undefined || d.completedEpochs === undefined) {
      throw new Error("settleAbort compensation needs totalEpochs and completedEpochs");
    }
    return (d.fee * d.completedEpochs) / args.totalEpochs;
  });
  const compensationSum = compensation.reduce((a, b) => a + b, 0n);
  if (compensationSum >= pool) {
    // Shrink every compensation in proportion; the dust is the only thing left and goes to the GDS.
    let given = 0n;
    args.goodDos.forEach((d, i) => {
      const part = compensationSum === 0n ? 0n : (compensation[i] * pool) / compensationSum;
      s.reward(d.who, part);
      given += part;
    });
    s.reward(args.gds, pool - given);
    return s;
  }
  args.goodDos.forEach((d, i) => s.reward(d.who, compensation[i]));
  const remainder = pool - compensationSum;

  const hasDos = args.goodDos.length > 0;
  const hasMpcs = args.goodMpcs.length > 0;
  if (!hasDos && !hasMpcs) {
    s.refund(args.qc, remainder);
    return s;
  }
  const [gdsBps, mpcBps, doBps] = args.shares;
  const activeBps = gdsBps + (hasMpcs ? mpcBps : 0n) + (hasDos ? doBps : 0n);
  let dust = remainder;
  if (hasMpcs) {
    const share = (remainder * mpcBps) / activeBps;
    dust -= share;
    dust += splitByFee(s, share, args.goodMpcs);
  }
  if (hasDos) {
    const share = (remainder * doBps) / activeBps;
    dust -= share;
    dust += splitByFee(s, share, args.goodDos);
  }
  // The GDS's own share, plus every rounding dust of the splits above.
  s.reward(args.gds, dust);
  return s;
}
