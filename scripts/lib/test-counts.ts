// Reads each test runner's own report into passed / failed / skipped counts, for `npm test`'s total.
import fs from "node:fs";
import { stripVTControlCharacters } from "node:util";

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** A runner's JSON report, or undefined when it wrote none (or half of one). */
export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** Mocha's spec reporter (Hardhat): "12 passing", "1 failing", "2 pending". */
export function mochaCounts(output: string): Counts | undefined {
  const plain = stripVTControlCharacters(output);
  const count = (word: string) => Number(plain.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  if (!/\d+ passing/.test(plain) && !/\d+ failing/.test(plain)) return undefined;
  return { passed: count("passing"), failed: count("failing"), skipped: count("pending") };
}

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

/** Vitest's JSON reporter. A test file that fails to load has no failed test but still counts. */
export function vitestCounts(report: VitestReport | undefined): Counts | undefined {
  if (!report) return undefined;
  const brokenSuites = report.numFailedTests === 0 ? report.numFailedTestSuites : 0;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

/** Playwright's JSON reporter: flaky tests passed on a retry, so they count as passed. */
export function playwrightCounts(report: PlaywrightReport | undefined): Counts | undefined {
  if (!report) return undefined;
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected, skipped };
}

export const readVitestReport = (file: string) => vitestCounts(readJson<VitestReport>(file));
export const readPlaywrightReport = (file: string) => playwrightCounts(readJson<PlaywrightReport>(file));

/** The last line of `npm test`: "N passed, M failed" and ", K skipped" when any were skipped. */
export function totalsLine(total: Counts): string {
  return `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`;
}
