import { describe, expect, it } from "vitest";
import {
  amountInputText,
  formatAmount,
  formatBps,
  formatCoin,
  parseAmount,
  parseWholeNumber,
} from "./units.ts";

describe("parseAmount", () => {
  it("turns decimal strings into exact smallest units of an 18-decimal coin", () => {
    expect(parseAmount("1", 18)).toEqual({ ok: true, value: 10n ** 18n });
    expect(parseAmount(" 0.1 ", 18)).toEqual({ ok: true, value: 10n ** 17n });
    expect(parseAmount("0.000000000000000001", 18)).toEqual({ ok: true, value: 1n });
    expect(parseAmount("12100.", 18)).toEqual({ ok: true, value: 12100n * 10n ** 18n });
    // A float would lose this: 2^53 + 1 wei.
    expect(parseAmount("0.009007199254740993", 18)).toEqual({ ok: true, value: 9007199254740993n });
  });

  it("reads a 6-decimal token in its own units", () => {
    expect(parseAmount("1", 6)).toEqual({ ok: true, value: 1_000_000n });
    expect(parseAmount("0.000001", 6)).toEqual({ ok: true, value: 1n });
    expect(parseAmount("12,100", 6).ok).toBe(false);
    expect(parseAmount("12100.5", 6)).toEqual({ ok: true, value: 12_100_500_000n });
    // More places than the token has would be a fraction of its smallest unit: refused, not rounded.
    expect(parseAmount("0.0000001", 6)).toEqual({ ok: false, error: "At most 6 decimals." });
    expect(parseAmount("1.5", 0)).toEqual({ ok: false, error: "Whole amounts only." });
    expect(parseAmount("15", 0)).toEqual({ ok: true, value: 15n });
  });

  it("refuses what is not a plain decimal", () => {
    for (const bad of ["", "-1", "1e18", "1,5", "0x10", "1.2.3", "abc", ".5", "+1"]) {
      expect(parseAmount(bad, 18).ok, bad).toBe(false);
    }
  });

  it("refuses more than 18 decimals and zero unless allowed", () => {
    expect(parseAmount("0.0000000000000000001", 18)).toEqual({ ok: false, error: "At most 18 decimals." });
    expect(parseAmount("0", 6).ok).toBe(false);
    expect(parseAmount("0", 6, { allowZero: true })).toEqual({ ok: true, value: 0n });
  });
});

describe("formatCoin and formatAmount", () => {
  it("is exact and groups thousands", () => {
    expect(formatCoin(12_100n * 10n ** 18n, 18)).toBe("12,100");
    expect(formatCoin(1n, 18)).toBe("0.000000000000000001");
    expect(formatCoin(1_234_567n * 10n ** 17n, 18)).toBe("123,456.7");
    expect(formatCoin(-5n * 10n ** 17n, 18)).toBe("-0.5");
  });

  it("formats a 6-decimal token with its symbol", () => {
    const fdUsd = { decimals: 6, symbol: "fdUSD" };
    expect(formatAmount(1n, fdUsd)).toBe("0.000001 fdUSD");
    expect(formatAmount(12_100_500_000n, fdUsd)).toBe("12,100.5 fdUSD");
    expect(formatAmount(1_000_000_000_000n, fdUsd)).toBe("1,000,000 fdUSD");
    // The same number of smallest units is a different amount in 18 decimals: nothing assumes 18.
    expect(formatAmount(1_000_000n, { decimals: 18, symbol: "ETH" })).toBe("0.000000000001 ETH");
  });

  it("round-trips with parseAmount in every precision", () => {
    for (const decimals of [0, 2, 6, 18]) {
      for (const value of [0n, 1n, 999n, 10n ** 18n + 1n, 123_456_789_012_345_678_901n]) {
        const parsed = parseAmount(formatCoin(value, decimals).replaceAll(",", ""), decimals, {
          allowZero: true,
        });
        expect(parsed).toEqual({ ok: true, value });
        expect(parseAmount(amountInputText(value, decimals), decimals, { allowZero: true })).toEqual(parsed);
      }
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
