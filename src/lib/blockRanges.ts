export interface BlockRange {
  fromBlock: bigint;
  toBlock: bigint;
}

/** [from, to] cut into ranges of at most `size` blocks, oldest first. */
export function blockRanges(from: bigint, to: bigint, size: bigint): BlockRange[] {
  if (size < 1n) throw new Error("size must be at least 1");
  const ranges: BlockRange[] = [];
  for (let start = from; start <= to; start += size) {
    const end = start + size - 1n;
    ranges.push({ fromBlock: start, toBlock: end < to ? end : to });
  }
  return ranges;
}

/** [from, to] cut into ranges of at most `size` blocks, newest first, each full but the oldest. */
export function blockRangesNewestFirst(from: bigint, to: bigint, size: bigint): BlockRange[] {
  if (size < 1n) throw new Error("size must be at least 1");
  const ranges: BlockRange[] = [];
  for (let end = to; end >= from; end -= size) {
    const start = end - size + 1n;
    ranges.push({ fromBlock: start > from ? start : from, toBlock: end });
  }
  return ranges;
}
