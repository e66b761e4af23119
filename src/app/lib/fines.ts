const BPS = 10_000n;

/** floor(fineBps * C / k): what each of k offenders loses of its collateral C (SPEC.md §6 rule 1). */
export function fineOf(collateral: bigint, fineBps: number, offenders: number): bigint {
  if (offenders < 1) throw new Error("A fine needs at least one offender");
  return (collateral * BigInt(fineBps)) / (BPS * BigInt(offenders));
}

export interface SelfReportInputs {
  collateral: bigint;
  selfReportFineBps: number;
  detectedFineBps: number;
  /** The reporter is already timed out: its report is late and fined as detected. */
  reporterTimedOut: boolean;
  /** Other participants timed out now: they are fined at settlement too, so the fine is shared. */
  othersTimedOut: number;
}

/** The fine a participant pays if it reports its own failure now. */
export function selfReportFine(p: SelfReportInputs): bigint {
  const bps = p.reporterTimedOut ? p.detectedFineBps : p.selfReportFineBps;
  return fineOf(p.collateral, bps, 1 + p.othersTimedOut);
}
