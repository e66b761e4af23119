import { describe, expect, it } from "vitest";
import { blockRanges, blockRangesNewestFirst } from "./blockRanges.ts";

describe("block ranges", () => {
  it("covers [from, to] exactly in bounded pages", () => {
    expect(blockRanges(0n, 10n, 5n)).toEqual([
      { fromBlock: 0n, toBlock: 4n },
      { fromBlock: 5n, toBlock: 9n },
      { fromBlock: 10n, toBlock: 10n },
    ]);
    expect(blockRanges(7n, 6n, 5n)).toEqual([]);
  });

  it("reads the newest full page first", () => {
    expect(blockRangesNewestFirst(0n, 10n, 5n)).toEqual([
      { fromBlock: 6n, toBlock: 10n },
      { fromBlock: 1n, toBlock: 5n },
      { fromBlock: 0n, toBlock: 0n },
    ]);
  });
});
