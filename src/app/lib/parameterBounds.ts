import { amountInputText, parseAmount, parseWholeNumber, type Parsed } from "../../protocol/units.ts";
import type { MarketParameters } from "../../protocol/views.ts";
import { BPS as BPS_WHOLE } from "../../protocol/constants.ts";

type ScalarKey = Exclude<keyof MarketParameters, "horizontalShares" | "verticalShares" | "minStake">;

export interface ScalarSpec {
  key: ScalarKey;
  label: string;
  min: number;
  max: number;
  unit: "blocks" | "bps" | "count";
}

const U8 = 255;
const U32 = 2 ** 32 - 1;
/** A whole in bps, as a number for the form's bounds. */
const BPS = Number(BPS_WHOLE);

/** The admin parameters and their bounds, as ParameterRules.check enforces them (docs/rules.md §7). */
export const scalarSpecs: readonly ScalarSpec[] = [
  { key: "timeoutBlocks", label: "Timeout", min: 1, max: U32, unit: "blocks" },
  { key: "orderExpiryBlocks", label: "Order expiry", min: 1, max: U32, unit: "blocks" },
  { key: "abortGraceBlocks", label: "Abort grace", min: 0, max: U32, unit: "blocks" },
  { key: "gdsFeeBps", label: "GDS fee", min: 0, max: BPS, unit: "bps" },
  { key: "selfReportFineBps", label: "Self-report fine", min: 0, max: BPS, unit: "bps" },
  { key: "detectedFineBps", label: "Detected-failure fine", min: 0, max: BPS, unit: "bps" },
  { key: "cancelFineBps", label: "Cancellation fine", min: 0, max: BPS, unit: "bps" },
  { key: "maxMpcReplacements", label: "MPC replacements per job", min: 0, max: U8, unit: "count" },
  { key: "maxDosPerJob", label: "DOs per job", min: 1, max: 500, unit: "count" },
  { key: "maxMpcsPerJob", label: "MPCs per job", min: 1, max: U8, unit: "count" },
];

export const shareLabels = ["GDS", "MPCs", "DOs"] as const;

export type ParameterForm = Record<ScalarKey, string> & {
  minStake: string;
  horizontalShares: [string, string, string];
  verticalShares: [string, string, string];
};

/** The form filled with the current values (the minimum stake in the asset's `decimals`). */
export function parameterFormOf(p: MarketParameters, decimals: number): ParameterForm {
  const scalars = Object.fromEntries(scalarSpecs.map((s) => [s.key, String(p[s.key])])) as Record<
    ScalarKey,
    string
  >;
  const triple = (t: readonly number[]) => t.map(String) as [string, string, string];
  return {
    ...scalars,
    minStake: amountInputText(p.minStake, decimals),
    horizontalShares: triple(p.horizontalShares),
    verticalShares: triple(p.verticalShares),
  };
}

function parseShares(values: readonly string[], what: string): Parsed<readonly [number, number, number]> {
  const parsed = values.map((v, i) => parseWholeNumber(v, 0, BPS, `${what} share of the ${shareLabels[i]}`));
  for (const p of parsed) if (!p.ok) return p;
  const shares = parsed.map((p) => (p.ok ? p.value : 0)) as [number, number, number];
  const sum = shares[0] + shares[1] + shares[2];
  if (sum !== BPS) return { ok: false, error: `${what} shares add up to ${sum}; they must add up to 10000.` };
  return { ok: true, value: shares };
}

/** The form as setParameters' argument, or the first bound it breaks. */
export function parseParameterForm(form: ParameterForm, decimals: number): Parsed<MarketParameters> {
  const scalars: Partial<Record<ScalarKey, number>> = {};
  for (const spec of scalarSpecs) {
    const parsed = parseWholeNumber(form[spec.key], spec.min, spec.max, spec.label);
    if (!parsed.ok) return parsed;
    scalars[spec.key] = parsed.value;
  }
  const minStake = parseAmount(form.minStake, decimals, { allowZero: true });
  if (!minStake.ok) return { ok: false, error: `Minimum stake: ${minStake.error}` };
  if (minStake.value >= 1n << 128n) return { ok: false, error: "The minimum stake is too large." };
  const horizontal = parseShares(form.horizontalShares, "Horizontal");
  if (!horizontal.ok) return horizontal;
  const vertical = parseShares(form.verticalShares, "Vertical");
  if (!vertical.ok) return vertical;
  return {
    ok: true,
    value: {
      ...(scalars as Record<ScalarKey, number>),
      minStake: minStake.value,
      horizontalShares: horizontal.value,
      verticalShares: vertical.value,
    },
  };
}

/** Whether two parameter sets are equal field by field. */
export function sameParameters(a: MarketParameters, b: MarketParameters): boolean {
  return (
    scalarSpecs.every((s) => a[s.key] === b[s.key]) &&
    a.minStake === b.minStake &&
    a.horizontalShares.every((v, i) => v === b.horizontalShares[i]) &&
    a.verticalShares.every((v, i) => v === b.verticalShares[i])
  );
}
