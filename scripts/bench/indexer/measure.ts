// Times a page's reads and counts its HTTP requests, to the chain and to the indexer apart. The
// count wraps the global fetch (which viem's transport and queryIndexer both use) for the duration.
import { performance } from "node:perf_hooks";
import { median } from "../dashboard/report.ts";

export interface Sample {
  ms: number;
  rpc: number;
  indexer: number;
  /** What the page got (rows, events), to see both ways read the same thing. */
  rows: number;
}

export async function sample(
  rpcUrl: string,
  indexerUrl: string | undefined,
  read: () => Promise<number>,
): Promise<Sample> {
  const original = globalThis.fetch;
  let rpc = 0;
  let indexer = 0;
  globalThis.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(rpcUrl)) rpc++;
    else if (indexerUrl && url.startsWith(indexerUrl)) indexer++;
    return original(input, init);
  };
  try {
    const started = performance.now();
    const rows = await read();
    return { ms: performance.now() - started, rpc, indexer, rows };
  } finally {
    globalThis.fetch = original;
  }
}

/** A page's rounds, or why it could not be shown at all. */
export type Runs = Sample[] | { failed: string };

/** `rounds` samples of one page: the first is cold (nothing cached by the node or the database). */
export async function samples(
  rounds: number,
  rpcUrl: string,
  indexerUrl: string | undefined,
  read: () => Promise<number>,
): Promise<Runs> {
  const all: Sample[] = [];
  try {
    for (let i = 0; i < rounds; i++) all.push(await sample(rpcUrl, indexerUrl, read));
  } catch (error) {
    const e = error as { shortMessage?: string; message?: string; details?: string };
    return { failed: [e.shortMessage ?? e.message ?? String(error), e.details].filter(Boolean).join(" ") };
  }
  return all;
}

export interface Budget {
  /** Requests to the chain and the indexer; none for the dashboard (docs/rules.md §10 gives it time only). */
  requests?: number;
  ms: number;
}

/** One line: requests (chain + indexer), ms per round, median, and the verdict against `budget`. */
export function row(label: string, result: Runs, budget?: Budget): string {
  if (!Array.isArray(result)) return `  ${label.padEnd(34)} FAILED: ${result.failed.replace(/\s+/g, " ")}`;
  const runs = result;
  const worst = Math.max(...runs.map((r) => r.ms));
  const requests = Math.max(...runs.map((r) => r.rpc + r.indexer));
  const first = runs[0]!;
  const split = `${first.rpc} RPC + ${first.indexer} indexer`;
  const limits = budget
    ? [budget.requests === undefined ? "" : `≤ ${budget.requests} requests, `, `≤ ${budget.ms} ms`].join("")
    : "";
  const verdict = budget
    ? requests <= (budget.requests ?? Infinity) && worst <= budget.ms
      ? `within (${limits})`
      : `OVER (${limits})`
    : "";
  const ms = runs.map((r) => `${Math.round(r.ms)}`.padStart(6)).join(" ");
  return `  ${label.padEnd(34)} ${split.padEnd(22)} ${ms} | ${`${Math.round(median(runs.map((r) => r.ms)))}`.padStart(6)} ms  ${String(first.rows).padStart(6)} rows  ${verdict}`;
}
