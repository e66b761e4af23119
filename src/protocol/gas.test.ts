import { describe, expect, it } from "vitest";
import { withGasMargin } from "./gas.ts";

describe("withGasMargin", () => {
  it("adds a quarter, rounded down, and 20k", () => {
    expect(withGasMargin(0n)).toBe(20_000n);
    expect(withGasMargin(100_000n)).toBe(145_000n);
    expect(withGasMargin(21_003n)).toBe(21_003n + 5_250n + 20_000n);
  });
});
