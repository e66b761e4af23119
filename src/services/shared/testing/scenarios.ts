// Chain situations the watcher's tests set up: a participant going silent, a self-reported failure.
import type { Address, Hex } from "viem";
import { Status, TaskType } from "../../../protocol/enums.ts";
import type { MarketFixture } from "./market-fixture.ts";

/** Keeps `alive` heartbeating while blocks pass, until `silent` is timed out in job `id`. */
export async function letOneGoSilent(
  f: MarketFixture,
  id: Hex,
  silent: Address,
  alive: Address[],
): Promise<bigint> {
  for (;;) {
    if (await f.read<boolean>("isTimedOut", [id, silent])) return f.blockNumber();
    for (const node of alive) await f.send(node, "heartbeat", []);
    await f.mine(5);
  }
}

/** `who` reports its own failure: the job goes Aborting. Returns the abort block. */
export async function selfReport(f: MarketFixture, id: Hex, who: Address): Promise<bigint> {
  await f.send(who, "updateJobStatus", [
    id,
    { taskType: TaskType.Training, epoch: 0, batch: 0, status: Status.Failed },
  ]);
  return (await f.read<{ abortedAt: bigint }>("getJob", [id])).abortedAt;
}

export function nonceOf(f: MarketFixture, account: Address): Promise<number> {
  return f.ctx.publicClient.getTransactionCount({ address: account, blockTag: "latest" });
}
