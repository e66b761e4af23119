// `npm test`: every check and every test runner, with one total at the end:
//   format, lint (eslint, solhint) beside compile + typed ABIs, typecheck (each room of
//   docs/architecture.md under its own tsconfig, and the contract tests),
//   contract tests (Hardhat/mocha), unit and component tests (Vitest), app build, browser tests (Playwright).
// Checks count as one test each; test runners count their tests. Exit code 1 if anything failed.
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./lib/ensure-chromium.ts";
import { binDir, dataDir } from "./lib/paths.ts";
import { run, type RunResult } from "./lib/run.ts";
import {
  type Counts,
  mochaCounts,
  readJson,
  readPlaywrightReport,
  readVitestReport,
  totalsLine,
} from "./lib/test-counts.ts";
import { type Failure, mochaFailures, playwrightFailures, vitestFailures } from "./lib/test-failures.ts";

interface StepResult extends Counts {
  name: string;
  seconds: number;
  note?: string;
  /** The failed tests by name, for the summary. */
  failures?: Failure[];
}

const reportsDir = path.join(dataDir, "test-reports");
const bin = (name: string) => path.join(binDir, name);
const results: StepResult[] = [];
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

function banner(name: string) {
  console.log(`\n${bold(`━━ ${name} ${"━".repeat(Math.max(0, 70 - name.length))}`)}`);
}

interface Check {
  name: string;
  command: string;
  args: string[];
}

/**
 * Checks pass or fail as a whole; their output is shown only when they fail. The checks of one
 * group run side by side (the machine has two cores; the compiler uses one), reported in order.
 */
async function checks(group: Check[]) {
  const done = await Promise.all(group.map((c) => run(c.command, c.args)));
  group.forEach((c, i) => record(c.name, done[i]!));
}

/** Reports a finished check: its name, ok or its output, and one passed or failed. */
function record(name: string, result: RunResult) {
  const ok = result.code === 0;
  banner(name);
  if (!ok) console.log(result.output);
  console.log(ok ? "ok" : `FAILED (exit ${result.code})`);
  results.push({
    name,
    passed: ok ? 1 : 0,
    failed: ok ? 0 : 1,
    skipped: 0,
    seconds: result.durationMs / 1000,
  });
}

/** A test runner streams its output; its counts come from its report (or its summary lines). */
async function tests(
  name: string,
  command: string,
  args: string[],
  counts: (output: string) => Counts | undefined,
  failures: (output: string) => Failure[],
  env?: NodeJS.ProcessEnv,
) {
  banner(name);
  const result = await run(command, args, { env, echo: true });
  let parsed = counts(result.output);
  let note: string | undefined;
  if (!parsed) {
    parsed = { passed: 0, failed: 1, skipped: 0 };
    note = `no test report (exit ${result.code})`;
  } else if (result.code !== 0 && parsed.failed === 0) {
    // The runner failed outside any test (a crash, a setup error, no tests found).
    parsed = { ...parsed, failed: 1 };
    note = `runner exited ${result.code}`;
  }
  results.push({
    name,
    ...parsed,
    seconds: result.durationMs / 1000,
    note,
    failures: failures(result.output),
  });
}

/** The failed tests by name under the summary: a CI log that keeps only its last lines still says which. */
function printFailures(steps: StepResult[]) {
  const failed = steps.flatMap((s) => (s.failures ?? []).map((f) => ({ step: s.name, ...f })));
  if (failed.length === 0) return;
  const shown = 20;
  console.log("\nFailed:");
  for (const f of failed.slice(0, shown)) {
    console.log(`  ${f.title}`);
    console.log(`      ${f.reason.slice(0, 200)}`);
  }
  if (failed.length > shown)
    console.log(`  … and ${failed.length - shown} more (see each runner's output above)`);
}

async function main() {
  const started = Date.now();
  fs.rmSync(reportsDir, { recursive: true, force: true });
  fs.mkdirSync(reportsDir, { recursive: true });

  // The compiler is single-threaded: the linters run beside it. Both typechecks need the ABIs.
  const lints = async () => {
    const group: Check[] = [
      {
        name: "format (prettier --check)",
        command: bin("prettier"),
        args: ["--check", "--log-level", "warn", "."],
      },
      { name: "lint (eslint)", command: bin("eslint"), args: [".", "--max-warnings", "0"] },
      { name: "lint (solhint)", command: bin("solhint"), args: ["contracts/src/**/*.sol"] },
    ];
    const done = [];
    for (const c of group) done.push({ c, result: await run(c.command, c.args) });
    return done;
  };
  console.log("Compiling the contracts while the linters run…");
  const [compiled, linted] = await Promise.all([run("npm", ["run", "--silent", "gen:abi"]), lints()]);
  for (const { c, result } of linted) record(c.name, result);
  record("compile contracts + typed ABIs", compiled);
  // A tsconfig per room: the protocol sees neither DOM nor Node types, the app no Node types, the
  // services no DOM; tools, browser tests and every test see both.
  const typecheck = (room: string, project: string, ...extra: string[]): Check => ({
    name: `typecheck (${room})`,
    command: bin("tsc"),
    args: ["-p", project, ...extra],
  });
  await checks([
    typecheck("protocol", "src/protocol"),
    typecheck("app", "src/app"),
    typecheck("services", "src/services"),
  ]);
  await checks([
    typecheck("tools, e2e and tests", "tsconfig.json"),
    typecheck("contract tests", "contracts/tsconfig.json", "--noEmit"),
  ]);

  await tests(
    "contract tests (hardhat)",
    "npm",
    ["run", "--silent", "contracts:test"],
    mochaCounts,
    mochaFailures,
  );

  const vitestReport = path.join(reportsDir, "vitest.json");
  await tests(
    "unit and component tests (vitest)",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
    () => readVitestReport(vitestReport),
    () => vitestFailures(readJson(vitestReport)),
  );

  await checks([
    { name: "app build (vite build)", command: bin("vite"), args: ["build", "--logLevel", "warn"] },
  ]);

  banner("browser (Chromium)");
  let browserReady = false;
  try {
    console.log(`Chromium: ${await ensureChromium()}`);
    browserReady = true;
  } catch (error) {
    console.log(error instanceof Error ? error.message : String(error));
    results.push({ name: "browser (Chromium)", passed: 0, failed: 1, skipped: 0, seconds: 0 });
  }
  if (browserReady) {
    const playwrightReport = path.join(reportsDir, "playwright.json");
    await tests(
      "browser tests (playwright)",
      bin("playwright"),
      ["test", "--reporter=list,json"],
      () => readPlaywrightReport(playwrightReport),
      () => playwrightFailures(readJson(playwrightReport)),
      { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport },
    );
  }

  const total = results.reduce(
    (sum, r) => ({
      passed: sum.passed + r.passed,
      failed: sum.failed + r.failed,
      skipped: sum.skipped + r.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  banner(`summary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const r of results) {
    const status = r.failed ? "FAIL" : "ok  ";
    const counts = totalsLine(r);
    console.log(
      `${status} ${r.name.padEnd(36)} ${counts.padEnd(34)} ${r.seconds.toFixed(1).padStart(6)} s${r.note ? `  (${r.note})` : ""}`,
    );
  }
  printFailures(results);
  console.log("");
  console.log(totalsLine(total));
  process.exitCode = total.failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exitCode = 1;
});
