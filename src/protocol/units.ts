import { formatUnits, parseUnits } from "viem";
import type { AmountUnit } from "./asset.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

// Digits and an optional point: no sign, no exponent, no grouping.
const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * A decimal amount typed by a user, as a bigint in the asset's smallest unit (`decimals` places: 18 for
 * the native coin, 6 for a USDC-like token). Floats never take part: the string goes to viem's
 * parseUnits only once it is known to be a plain decimal with at most `decimals` places.
 */
export function parseAmount(input: string, decimals: number, { allowZero = false } = {}): Parsed<bigint> {
  const text = input.trim();
  if (text === "") return { ok: false, error: "Enter an amount." };
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, error: "Use digits and one decimal point, e.g. 1.5." };
  if ((match[2] ?? "").length > decimals)
    return {
      ok: false,
      error: decimals === 0 ? "Whole amounts only." : `At most ${decimals} decimals.`,
    };
  const value = parseUnits(text.endsWith(".") ? text.slice(0, -1) : text, decimals);
  if (value === 0n && !allowZero) return { ok: false, error: "The amount must be above zero." };
  return { ok: true, value };
}

/** Exact decimal amount of `value` smallest units with thousands separated, e.g. 12,100.5. */
export function formatCoin(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const [whole, fraction] = formatUnits(negative ? -value : value, decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** An amount with its symbol, e.g. "12,100.5 fdUSD": how the app, the errors and the logs print money. */
export function formatAmount(value: bigint, unit: AmountUnit): string {
  return `${formatCoin(value, unit.decimals)} ${unit.symbol}`;
}

/** The amount as an input field takes it back (no grouping), e.g. for "All" and "What is due". */
export function amountInputText(value: bigint, decimals: number): string {
  return formatUnits(value, decimals);
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
