import { describe, expect, it } from "vitest";
import { blockRanges, growingRangesNewestFirst } from "./blockRanges.ts";

describe("block ranges", () => {
  it("covers [from, to] exactly in bounded pages", () => {
    expect(blockRanges(0n, 10n, 5n)).toEqual([
      { fromBlock: 0n, toBlock: 4n },
      { fromBlock: 5n, toBlock: 9n },
      { fromBlock: 10n, toBlock: 10n },
    ]);
    expect(blockRanges(7n, 6n, 5n)).toEqual([]);
  });

  it("reads newest first in growing pages", () => {
    expect(growingRangesNewestFirst(0n, 20n, 2n, 8n)).toEqual([
      { fromBlock: 19n, toBlock: 20n },
      { fromBlock: 15n, toBlock: 18n },
      { fromBlock: 7n, toBlock: 14n },
      { fromBlock: 0n, toBlock: 6n },
    ]);
    expect(growingRangesNewestFirst(5n, 4n, 1n, 1n)).toEqual([]);
  });
});
