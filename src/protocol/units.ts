import { formatEther, parseEther } from "viem";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

// Digits, an optional point and at most 18 decimals: no sign, no exponent, no grouping.
const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * A decimal amount of coins typed by a user, as bigint wei. Floats never take part: the string goes
 * to viem's parseEther only once it is known to be a plain decimal with at most 18 decimals.
 */
export function parseAmount(input: string, { allowZero = false } = {}): Parsed<bigint> {
  const text = input.trim();
  if (text === "") return { ok: false, error: "Enter an amount." };
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, error: "Use digits and one decimal point, e.g. 1.5." };
  if ((match[2] ?? "").length > 18) return { ok: false, error: "At most 18 decimals." };
  const value = parseEther(text.endsWith(".") ? text.slice(0, -1) : text);
  if (value === 0n && !allowZero) return { ok: false, error: "The amount must be above zero." };
  return { ok: true, value };
}

/** Exact decimal coin amount of `wei` with thousands separated, e.g. 12,100.5. */
export function formatCoin(wei: bigint): string {
  const negative = wei < 0n;
  const [whole, fraction] = formatEther(negative ? -wei : wei).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** A whole number typed by a user (epochs, counts, factors) within [min, max]. */
export function parseWholeNumber(input: string, min: number, max: number, what: string): Parsed<number> {
  const text = input.trim();
  if (!/^\d+$/.test(text)) return { ok: false, error: `${what} must be a whole number.` };
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return { ok: false, error: `${what} must be between ${min} and ${max}.` };
  }
  return { ok: true, value };
}

/** bps as a percentage, e.g. 6000 → "60 %". */
export function formatBps(bps: number | bigint): string {
  const value = Number(bps) / 100;
  return `${Number.isInteger(value) ? value : value.toFixed(2)} %`;
}
