// Formats the benchmark's figures beside docs/rules.md §10's budgets. Printed, never asserted.

export const USABLE_BUDGET_MS = 2_000;
export const EVENT_BUDGET_MS = 1_000;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number) => `${Math.round(value)}`.padStart(6);
const verdict = (worst: number, budget: number) =>
  `${worst <= budget ? "within" : "OVER"} (≤ ${budget.toLocaleString("en")} ms)`;

/** One row per milestone: each page load, median, max, and the verdict on the max. */
export function milestoneRows(label: string, values: readonly number[], budget?: number): string {
  const cells = values.map(ms).join(" ");
  const worst = Math.max(...values);
  const tail = budget === undefined ? "" : `  ${verdict(worst, budget)}`;
  return `  ${label.padEnd(30)} ${cells}  | ${ms(median(values))} ${ms(worst)}${tail}`;
}

export function latencyRow(samples: readonly number[]): string {
  const worst = Math.max(...samples);
  return (
    `  ${"new event on screen".padEnd(30)} ${samples.length} samples: ` +
    `median ${Math.round(median(samples))} ms, max ${Math.round(worst)} ms  ` +
    verdict(worst, EVENT_BUDGET_MS) +
    `\n    (${samples.map((s) => Math.round(s)).join(", ")})`
  );
}
