// `npm test`: every check and every test runner, in order, with one total at the end:
//   format, lint (eslint, solhint), compile + typed ABIs, typecheck (app, contracts),
//   contract tests (Hardhat/mocha), unit and component tests (Vitest), app build, browser tests (Playwright).
// Checks count as one test each; test runners count their tests. Exit code 1 if anything failed.
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./lib/ensure-chromium.ts";
import { binDir, dataDir } from "./lib/paths.ts";
import { run } from "./lib/run.ts";
import {
  type Counts,
  mochaCounts,
  readPlaywrightReport,
  readVitestReport,
  totalsLine,
} from "./lib/test-counts.ts";

interface StepResult extends Counts {
  name: string;
  seconds: number;
  note?: string;
}

const reportsDir = path.join(dataDir, "test-reports");
const bin = (name: string) => path.join(binDir, name);
const results: StepResult[] = [];
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

function banner(name: string) {
  console.log(`\n${bold(`━━ ${name} ${"━".repeat(Math.max(0, 70 - name.length))}`)}`);
}

/** A check passes or fails as a whole; its output is shown only when it fails. */
async function check(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv) {
  banner(name);
  const result = await run(command, args, { env });
  const ok = result.code === 0;
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
  results.push({ name, ...parsed, seconds: result.durationMs / 1000, note });
}

async function main() {
  const started = Date.now();
  fs.rmSync(reportsDir, { recursive: true, force: true });
  fs.mkdirSync(reportsDir, { recursive: true });

  await check("format (prettier --check)", bin("prettier"), ["--check", "--log-level", "warn", "."]);
  await check("lint (eslint)", bin("eslint"), [".", "--max-warnings", "0"]);
  await check("lint (solhint)", bin("solhint"), ["contracts/src/**/*.sol"]);
  await check("compile contracts + typed ABIs", "npm", ["run", "--silent", "gen:abi"]);
  await check("typecheck (app, scripts, e2e)", bin("tsc"), ["-p", "tsconfig.json"]);
  await check("typecheck (contract tests)", bin("tsc"), ["-p", "contracts/tsconfig.json", "--noEmit"]);

  await tests("contract tests (hardhat)", "npm", ["run", "--silent", "contracts:test"], mochaCounts);

  const vitestReport = path.join(reportsDir, "vitest.json");
  await tests(
    "unit and component tests (vitest)",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
    () => readVitestReport(vitestReport),
  );

  await check("app build (vite build)", bin("vite"), ["build", "--logLevel", "warn"]);

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
  console.log("");
  console.log(totalsLine(total));
  process.exitCode = total.failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exitCode = 1;
});
