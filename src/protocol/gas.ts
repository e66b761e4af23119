/**
 * Gas to send for an estimate: a quarter more plus 20k. Nodes estimate against the latest block and
 * mine in the next, so writes of block.number into a slot are under-estimated (TOOLCHAIN.md).
 */
export function withGasMargin(estimate: bigint): bigint {
  return (estimate * 125n) / 100n + 20_000n;
}
