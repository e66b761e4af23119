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

/**
 * [from, to] newest first, in ranges that start at `first` blocks and double up to `max`: a feed
 * fills from the last few blocks of a busy chain, and still reaches far back on a quiet one.
 */
export function growingRangesNewestFirst(from: bigint, to: bigint, first: bigint, max: bigint): BlockRange[] {
  if (first < 1n || max < first) throw new Error("need 1 <= first <= max");
  const ranges: BlockRange[] = [];
  let size = first;
  for (let end = to; end >= from; end -= size, size = size * 2n > max ? max : size * 2n) {
    const start = end - size + 1n;
    ranges.push({ fromBlock: start > from ? start : from, toBlock: end });
  }
  return ranges;
}
