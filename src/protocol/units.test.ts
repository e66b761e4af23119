import { describe, expect, it } from "vitest";
import { formatBps, formatCoin, parseAmount, parseWholeNumber } from "./units.ts";

describe("parseAmount", () => {
  it("turns decimal coin strings into exact wei", () => {
    expect(parseAmount("1")).toEqual({ ok: true, value: 10n ** 18n });
    expect(parseAmount(" 0.1 ")).toEqual({ ok: true, value: 10n ** 17n });
    expect(parseAmount("0.000000000000000001")).toEqual({ ok: true, value: 1n });
    expect(parseAmount("12100.")).toEqual({ ok: true, value: 12100n * 10n ** 18n });
    // A float would lose this: 2^53 + 1 wei.
    expect(parseAmount("0.009007199254740993")).toEqual({ ok: true, value: 9007199254740993n });
  });

  it("refuses what is not a plain decimal", () => {
    for (const bad of ["", "-1", "1e18", "1,5", "0x10", "1.2.3", "abc", ".5", "+1"]) {
      expect(parseAmount(bad).ok, bad).toBe(false);
    }
  });

  it("refuses more than 18 decimals and zero unless allowed", () => {
    expect(parseAmount("0.0000000000000000001")).toEqual({ ok: false, error: "At most 18 decimals." });
    expect(parseAmount("0").ok).toBe(false);
    expect(parseAmount("0", { allowZero: true })).toEqual({ ok: true, value: 0n });
  });
});

describe("formatCoin", () => {
  it("is exact and groups thousands", () => {
    expect(formatCoin(12_100n * 10n ** 18n)).toBe("12,100");
    expect(formatCoin(1n)).toBe("0.000000000000000001");
    expect(formatCoin(1_234_567n * 10n ** 17n)).toBe("123,456.7");
    expect(formatCoin(-5n * 10n ** 17n)).toBe("-0.5");
  });

  it("round-trips with parseAmount", () => {
    for (const wei of [0n, 1n, 999n, 10n ** 18n + 1n, 123_456_789_012_345_678_901n]) {
      const parsed = parseAmount(formatCoin(wei).replaceAll(",", ""), { allowZero: true });
      expect(parsed).toEqual({ ok: true, value: wei });
    }
  });
});

describe("parseWholeNumber and formatBps", () => {
  it("bounds whole numbers", () => {
    expect(parseWholeNumber("3", 1, 5, "Epochs")).toEqual({ ok: true, value: 3 });
    expect(parseWholeNumber("0", 1, 5, "Epochs")).toEqual({
      ok: false,
      error: "Epochs must be between 1 and 5.",
    });
    expect(parseWholeNumber("1.5", 1, 5, "Epochs").ok).toBe(false);
  });

  it("shows bps as a percentage", () => {
    expect(formatBps(6000)).toBe("60 %");
    expect(formatBps(1250)).toBe("12.50 %");
  });
});
