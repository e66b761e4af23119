// The raw timeline: every event the market emits, one row each, with its arguments as JSON
// (amounts as decimal strings, so no precision is lost in JSON).
import { replaceBigInts } from "ponder";
import { marketEvent } from "ponder:schema";
import { type Address, getAddress, isAddress } from "viem";
import type { Db, MarketEvent, MarketEventName } from "./types.ts";

/** The live feed's kinds (docs/rules.md §9): the feed's history is the newest rows with `feed`. */
export const FEED_EVENTS: ReadonlySet<string> = new Set([
  "JobDispatched",
  "JobStatusUpdated",
  "RewardDistributed",
  "Refund",
]);

/** Every address among the arguments (lists included), in argument order, each once. */
export function addressesIn(args: Record<string, unknown>): Address[] {
  const found = new Set<Address>();
  const visit = (value: unknown) => {
    if (typeof value === "string" && value.length === 42 && isAddress(value, { strict: false }))
      found.add(getAddress(value));
    else if (Array.isArray(value)) value.forEach(visit);
  };
  Object.values(args).forEach(visit);
  return [...found];
}

export async function recordEvent(db: Db, name: MarketEventName, event: MarketEvent): Promise<void> {
  const args = event.args as Record<string, unknown>;
  const accounts = addressesIn(args);
  await db.insert(marketEvent).values({
    id: event.id,
    name,
    jobId: typeof args.id === "string" ? (args.id as `0x${string}`) : null,
    account: accounts[0] ?? null,
    accounts,
    feed: FEED_EVENTS.has(name),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
    args: replaceBigInts(args, (v) => String(v)),
  });
}
