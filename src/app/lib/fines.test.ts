import { describe, expect, it } from "vitest";
import { fineOf, selfReportFine } from "./fines.ts";

describe("fines (SPEC.md §6)", () => {
  it("follows the draft: 10k for one DO, 5k each for two", () => {
    expect(fineOf(10_000n, 10_000, 1)).toBe(10_000n);
    expect(fineOf(10_000n, 10_000, 2)).toBe(5_000n);
    expect(fineOf(10n, 8_000, 3)).toBe(2n); // floor(8 / 3)
    expect(() => fineOf(1n, 1, 0)).toThrow();
  });

  it("fines a self-report at the self-report rate, shared with others already timed out", () => {
    const base = { collateral: 10_000n, selfReportFineBps: 8_000, detectedFineBps: 10_000 };
    expect(selfReportFine({ ...base, reporterTimedOut: false, othersTimedOut: 0 })).toBe(8_000n);
    expect(selfReportFine({ ...base, reporterTimedOut: false, othersTimedOut: 1 })).toBe(4_000n);
    // A late self-report is a detected failure.
    expect(selfReportFine({ ...base, reporterTimedOut: true, othersTimedOut: 0 })).toBe(10_000n);
  });
});
