// @vitest-environment node
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mochaFailures, playwrightFailures, vitestFailures } from "./test-failures.ts";

describe("npm test's failed tests, by name", () => {
  it("names mocha's failures with their suites and the first line of the error", () => {
    const output = [
      "  508 passing (2m)",
      "  \x1b[31m  1 failing\x1b[0m",
      "",
      "  1) attacks · native",
      "       a stranger (no role) cannot",
      "         place orders:",
      "     AssertionError: expected 1 to equal 2",
      "      at Context.<anonymous> (contracts/test/attacks/attacks.test.cts:80:10)",
      "",
    ].join("\n");
    expect(mochaFailures(output)).toEqual([
      {
        title: "attacks · native › a stranger (no role) cannot › place orders",
        reason: "AssertionError: expected 1 to equal 2",
      },
    ]);
    expect(mochaFailures("  12 passing (3s)\n")).toEqual([]);
  });

  it("names vitest's failed tests, and a file that failed outside its tests", () => {
    const file = (name: string) => path.join(process.cwd(), name);
    const report = {
      testResults: [
        {
          name: file("src/a.test.ts"),
          status: "failed",
          assertionResults: [
            { fullName: "a passes", status: "passed", failureMessages: [] },
            {
              fullName: "a fails",
              status: "failed",
              failureMessages: ["\nError: Timed out after 5000 ms\n at x"],
            },
          ],
        },
        { name: file("src/b.test.ts"), status: "failed", message: "Hook timed out", assertionResults: [] },
        { name: file("src/c.test.ts"), status: "passed", assertionResults: [] },
      ],
    };
    expect(vitestFailures(report)).toEqual([
      { title: "src/a.test.ts › a fails", reason: "Error: Timed out after 5000 ms" },
      { title: "src/b.test.ts", reason: "Hook timed out" },
    ]);
    expect(vitestFailures(undefined)).toEqual([]);
  });

  it("names playwright's unexpected tests, not the flaky ones", () => {
    const report = {
      suites: [
        {
          title: "journeys/01.spec.ts",
          file: "journeys/01.spec.ts",
          suites: [
            {
              title: "happy path",
              specs: [
                { title: "pays", tests: [{ status: "flaky", results: [{ error: { message: "x" } }] }] },
                {
                  title: "settles",
                  tests: [
                    { status: "unexpected", results: [{}, { error: { message: "expect(locator) failed" } }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual([
      { title: "journeys/01.spec.ts › happy path › settles", reason: "expect(locator) failed" },
    ]);
  });
});
