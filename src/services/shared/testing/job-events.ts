// Reads the tests make of a job's outcome: its state and its events, straight from the chain.
import { type Address, getAddress, type Hex } from "viem";
import { jobMarketAbi } from "../../../protocol/generated/abis.ts";
import type { MarketFixture } from "./market-fixture.ts";

export interface JobEvent {
  args: Record<string, unknown>;
  transactionHash: Hex;
  blockNumber: bigint;
}

export async function stateOf(f: MarketFixture, id: Hex): Promise<number> {
  return (await f.read<{ state: number }>("getJob", [id])).state;
}

/** Every `eventName` the market emitted for job `id`, oldest first. */
export function jobEvents(f: MarketFixture, eventName: string, id: Hex): Promise<JobEvent[]> {
  return f.ctx.publicClient.getContractEvents({
    address: f.market,
    abi: jobMarketAbi,
    eventName,
    args: { id },
    fromBlock: 0n,
  } as never) as Promise<JobEvent[]>;
}

/** Who sent the transaction that settled job `id` (it must have been settled exactly once). */
export async function settledBy(f: MarketFixture, id: Hex): Promise<Address> {
  const settled = await jobEvents(f, "JobSettled", id);
  if (settled.length !== 1) throw new Error(`job ${id} settled ${settled.length} times`);
  const tx = await f.ctx.publicClient.getTransaction({ hash: settled[0]!.transactionHash });
  return getAddress(tx.from);
}
