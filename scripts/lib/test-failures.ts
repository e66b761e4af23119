// Names the tests that failed, from each runner's report, so the last lines of `npm test` (all a CI log
// may keep) say which test failed and why, not only how many.
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

export interface Failure {
  /** Where and which: a file and the test's full title. */
  title: string;
  /** The first line of its error. */
  reason: string;
}

const firstLine = (text: string | undefined) =>
  stripVTControlCharacters(text ?? "")
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "") ?? "";

const relative = (file: string) => path.relative(process.cwd(), file) || file;

export interface VitestFileResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
}

/** Vitest's JSON report: each failed test, and each file that failed outside its tests (a hook, a load). */
export function vitestFailures(report: { testResults: VitestFileResult[] } | undefined): Failure[] {
  const failures: Failure[] = [];
  for (const file of report?.testResults ?? []) {
    const failed = file.assertionResults.filter((t) => t.status === "failed");
    for (const t of failed)
      failures.push({
        title: `${relative(file.name)} › ${t.fullName}`,
        reason: firstLine(t.failureMessages[0]),
      });
    if (file.status === "failed" && failed.length === 0)
      failures.push({ title: relative(file.name), reason: firstLine(file.message) });
  }
  return failures;
}

export interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: {
    title: string;
    tests: { status: string; results: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
}

/** Playwright's JSON report: each test whose outcome was unexpected (flaky ones passed on a retry). */
export function playwrightFailures(report: { suites: PlaywrightSuite[] } | undefined): Failure[] {
  const failures: Failure[] = [];
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    const here = suite.file && titles.length === 0 ? [suite.file] : [...titles, suite.title];
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests.filter((x) => x.status === "unexpected")) {
        const error = t.results.map((r) => r.error?.message).find(Boolean);
        failures.push({ title: [...here, spec.title].join(" › "), reason: firstLine(error) });
      }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  return failures;
}

/** Mocha's spec reporter lists each failure after "N failing" as "  1) suite" + indented titles + error. */
export function mochaFailures(output: string): Failure[] {
  const lines = stripVTControlCharacters(output).split("\n");
  const start = lines.findIndex((line) => /^\s*\d+ failing/.test(line));
  if (start < 0) return [];
  const failures: Failure[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const head = lines[i]!.match(/^\s*\d+\) (.+)$/);
    if (!head) continue;
    const titles = [head[1]!.trim()];
    let j = i + 1;
    // Title lines end with ":"; the error's first line follows.
    while (j < lines.length && !titles[titles.length - 1]!.endsWith(":") && lines[j]!.trim() !== "")
      titles.push(lines[j++]!.trim());
    const reason = lines.slice(j).find((line) => line.trim() !== "") ?? "";
    failures.push({ title: titles.join(" › ").replace(/:$/, ""), reason: reason.trim() });
    i = j;
  }
  return failures;
}
