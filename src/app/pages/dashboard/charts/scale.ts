// Turns amounts and counts into SVG heights. Money stays bigint until the pixel: the ratio is taken
// in bigint (parts per million of the largest value), and only that ratio becomes a number.

/** `value` as a share (0..1) of `max`. */
export function shareOf(value: bigint, max: bigint): number {
  if (max <= 0n || value <= 0n) return 0;
  return Number((value * 1_000_000n) / max) / 1_000_000;
}

export function maxOf(values: readonly bigint[]): bigint {
  return values.reduce((m, v) => (v > m ? v : m), 0n);
}

/** A UTC day number (days since 1970-01-01) as YYYY-MM-DD. */
export function dayLabel(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
