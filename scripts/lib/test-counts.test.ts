// @vitest-environment node
import { describe, expect, it } from "vitest";
import { mochaCounts, playwrightCounts, totalsLine, vitestCounts } from "./test-counts.ts";

describe("npm test's counts", () => {
  it("reads mocha's summary, colours and all", () => {
    const output =
      "  \x1b[32m 152 passing\x1b[0m (2m)\n  \x1b[36m 3 pending\x1b[0m\n  \x1b[31m 2 failing\x1b[0m\n";
    expect(mochaCounts(output)).toEqual({ passed: 152, failed: 2, skipped: 3 });
    expect(mochaCounts("Error: HH700: Artifact not found")).toBeUndefined();
  });

  it("counts a vitest file that failed to load as a failure", () => {
    const report = {
      numPassedTests: 10,
      numFailedTests: 0,
      numPendingTests: 1,
      numTodoTests: 1,
      numFailedTestSuites: 1,
    };
    expect(vitestCounts(report)).toEqual({ passed: 10, failed: 1, skipped: 2 });
  });

  it("counts playwright's flaky tests as passed and unexpected ones as failed", () => {
    expect(playwrightCounts({ stats: { expected: 4, unexpected: 1, flaky: 1, skipped: 2 } })).toEqual({
      passed: 5,
      failed: 1,
      skipped: 2,
    });
  });

  it("ends with one line, naming skipped tests only when there are some", () => {
    expect(totalsLine({ passed: 286, failed: 0, skipped: 0 })).toBe("286 passed, 0 failed");
    expect(totalsLine({ passed: 280, failed: 1, skipped: 5 })).toBe("280 passed, 1 failed, 5 skipped");
  });
});
