import {
  encodeAbiParameters,
  encodeEventTopics,
  formatLog,
  numberToHex,
  parseEventLogs,
  type Address,
  type Hex,
  type ParseEventLogsReturnType,
  type PublicClient,
} from "viem";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import { blockRanges, growingRangesNewestFirst } from "./blockRanges.ts";
import type { JobId } from "../../protocol/jobId.ts";

/** A decoded event of the market, typed by its ABI. */
export type MarketLog = ParseEventLogsReturnType<typeof jobMarketAbi, undefined, true>[number];
export type MarketEventName = MarketLog["eventName"];

/** eth_getLogs topics: position 0 is the event signature, then the indexed arguments; arrays are ORs. */
export type Topics = (Hex | Hex[] | null)[];

/** Blocks per eth_getLogs call: small enough for public RPC limits, large enough for few round trips. */
export const LOG_PAGE_BLOCKS = 5_000n;

type LogClient = Pick<PublicClient, "request">;

export function eventTopic(eventName: MarketEventName): Hex {
  return encodeEventTopics({ abi: jobMarketAbi, eventName } as never)[0] as Hex;
}

/** Topics matching any of these events. */
export function eventsTopics(eventNames: readonly MarketEventName[]): Topics {
  return [eventNames.map(eventTopic)];
}

/** Topics of every job event of one job: its id is the first indexed argument of each. */
export function jobTopics(id: JobId): Topics {
  return [null, encodeAbiParameters([{ type: "bytes16" }], [id])];
}

/** Topics of one event whose first indexed address (after the id, if `afterId`) is `account`. */
export function accountTopics(eventName: MarketEventName, account: Address, afterId: boolean): Topics {
  const word = encodeAbiParameters([{ type: "address" }], [account]);
  return afterId ? [eventTopic(eventName), null, word] : [eventTopic(eventName), word];
}

export async function fetchLogs(
  client: LogClient,
  address: Address,
  topics: Topics,
  fromBlock: bigint,
  toBlock: bigint,
  /** Decode only the newest this many (decoding dominates the cost of a busy range). */
  keepLast?: number,
): Promise<MarketLog[]> {
  const all = await client.request({
    method: "eth_getLogs",
    params: [{ address, topics, fromBlock: numberToHex(fromBlock), toBlock: numberToHex(toBlock) }],
  });
  const raw = keepLast === undefined ? all : all.slice(-keepLast);
  // Logs the ABI cannot decode (none expected) are dropped rather than shown half-read.
  return parseEventLogs({ abi: jobMarketAbi, logs: raw.map((log) => formatLog(log)) }) as MarketLog[];
}

/** Every matching log in [from, to], oldest first, read in bounded pages (a few pages at a time). */
export async function fetchLogsForward(
  client: LogClient,
  address: Address,
  topics: Topics,
  from: bigint,
  to: bigint,
): Promise<MarketLog[]> {
  const ranges = blockRanges(from, to, LOG_PAGE_BLOCKS);
  const pages: MarketLog[][] = [];
  for (let i = 0; i < ranges.length; i += 4) {
    const batch = ranges.slice(i, i + 4);
    pages.push(
      ...(await Promise.all(batch.map((r) => fetchLogs(client, address, topics, r.fromBlock, r.toBlock)))),
    );
  }
  return pages.flat();
}

/** At least `want` of the newest matching logs (or all there are), oldest first, reading backwards. */
export async function fetchRecentLogs(
  client: LogClient,
  address: Address,
  topics: Topics,
  from: bigint,
  to: bigint,
  want: number,
): Promise<MarketLog[]> {
  const pages: MarketLog[][] = [];
  let count = 0;
  for (const range of growingRangesNewestFirst(from, to, 1_024n, LOG_PAGE_BLOCKS)) {
    const page = await fetchLogs(client, address, topics, range.fromBlock, range.toBlock, want - count);
    pages.unshift(page);
    count += page.length;
    if (count >= want) break;
  }
  return pages.flat();
}

/** A stable key for a log, to drop duplicates when pages overlap a live update. */
export function logKey(log: Pick<MarketLog, "blockNumber" | "logIndex">): string {
  return `${log.blockNumber}:${log.logIndex}`;
}
