/**
 * The gas limit to send for an estimate: a quarter more plus 20k, as wallets do. A node estimates
 * against the latest block but the transaction runs in the next one, so a write that stores
 * block.number over an older value costs more than estimated. Every write of the app, the services
 * and the tools goes through this one margin.
 */
export function withGasMargin(estimate: bigint): bigint {
  return estimate + estimate / 4n + 20_000n;
}
