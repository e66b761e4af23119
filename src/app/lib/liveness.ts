export type Liveness = "online" | "late" | "timed out" | "never";

/**
 * How alive a node looks from chain data alone (the chain is the clock): online while its last
 * heartbeat is under half the timeout old, late up to the timeout, timed out past it
 * (block > lastHeartbeat + timeoutBlocks, as the contract judges a job participant).
 */
export function livenessOf(lastHeartbeat: bigint, currentBlock: bigint, timeoutBlocks: number): Liveness {
  if (lastHeartbeat === 0n) return "never";
  const age = currentBlock - lastHeartbeat;
  if (age > BigInt(timeoutBlocks)) return "timed out";
  if (age * 2n < BigInt(timeoutBlocks)) return "online";
  return "late";
}

/** Blocks since `block`, never negative (a view may be a block ahead of the watched number). */
export function blocksSince(block: bigint, currentBlock: bigint): bigint {
  return currentBlock > block ? currentBlock - block : 0n;
}
