// Transactions a test sends as a competing actor (another GDS, a person with a wallet, the admin)
// without waiting for them to be mined: with automine off they sit in the mempool beside the
// watcher's, so the test decides what lands in the same block and in which order.
import { type Address, encodeFunctionData, type Hash, type Hex, numberToHex, parseGwei } from "viem";
import { jobMarketAbi } from "../../../protocol/generated/abis.ts";
import type { MarketFixture } from "./market-fixture.ts";

export interface RawSendOptions {
  /** A tip above the watcher's puts this transaction first in the block (anvil orders by fees). */
  priorityFee?: bigint;
  /** Fee cap; default: the tip + 100 gwei. Anvil orders by it too: a low cap goes last. */
  maxFee?: bigint;
  /** Reuse a nonce to replace a transaction still in the mempool. */
  nonce?: number;
  gas?: bigint;
}

/** eth_sendTransaction from an unlocked dev account; returns the hash at once. */
export function sendRaw(
  f: MarketFixture,
  from: Address,
  tx: { to: Address; data?: Hex; value?: bigint },
  options: RawSendOptions = {},
): Promise<Hash> {
  const tip = options.priorityFee ?? parseGwei("50");
  return f.rpc<Hash>("eth_sendTransaction", [
    {
      from,
      to: tx.to,
      data: tx.data ?? "0x",
      value: numberToHex(tx.value ?? 0n),
      // Fixed gas: an estimate would run against the latest block, not the mempool the test builds.
      gas: numberToHex(options.gas ?? 1_000_000n),
      maxPriorityFeePerGas: numberToHex(tip),
      maxFeePerGas: numberToHex(options.maxFee ?? tip + parseGwei("100")),
      ...(options.nonce === undefined ? {} : { nonce: numberToHex(options.nonce) }),
    },
  ]);
}

/** A market call from `from`, sent without waiting. */
export function callRaw(
  f: MarketFixture,
  from: Address,
  functionName: string,
  args: readonly unknown[],
  options: RawSendOptions = {},
): Promise<Hash> {
  const data = encodeFunctionData({ abi: jobMarketAbi, functionName, args } as never);
  return sendRaw(f, from, { to: f.market, data }, options);
}
