import { describe, expect, it } from "vitest";
import { dayLabel, maxOf, shareOf } from "./scale.ts";

describe("chart scale", () => {
  it("takes shares of amounts too large for a float without losing the ratio", () => {
    const max = 10n ** 30n;
    expect(shareOf(max / 4n, max)).toBe(0.25);
    expect(shareOf(0n, max)).toBe(0);
    expect(shareOf(5n, 0n)).toBe(0);
    expect(maxOf([3n, 10n ** 30n, 7n])).toBe(10n ** 30n);
  });
  it("labels days in UTC", () => {
    expect(dayLabel(0)).toBe("1970-01-01");
    expect(dayLabel(20_000)).toBe("2024-10-04");
  });
});
