import { describe, expect, it } from "vitest";
import { blocksSince, livenessOf } from "./liveness.ts";

describe("livenessOf", () => {
  it("is online under half the timeout, late up to it, timed out past it", () => {
    expect(livenessOf(100n, 100n + 1799n, 3600)).toBe("online");
    expect(livenessOf(100n, 100n + 1800n, 3600)).toBe("late");
    expect(livenessOf(100n, 100n + 3600n, 3600)).toBe("late"); // the contract needs block > last + timeout
    expect(livenessOf(100n, 100n + 3601n, 3600)).toBe("timed out");
    expect(livenessOf(0n, 5n, 3600)).toBe("never");
  });

  it("never counts negative ages", () => {
    expect(blocksSince(10n, 8n)).toBe(0n);
    expect(blocksSince(8n, 10n)).toBe(2n);
  });
});
