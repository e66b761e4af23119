// Where a page's history comes from: the indexer when the build names one (VITE_INDEXER_URL), up to
// the block it has indexed, and the chain for the few blocks after it; the chain alone when there is
// no indexer, it does not answer, or it is too far behind. One plain function (no React), so the
// hooks and bench:indexer run the same read path.
import type { Address, PublicClient } from "viem";
import { queryIndexer, indexedBlockOf } from "../../protocol/indexer-api/client.ts";
import { MARKET_EVENTS } from "../../protocol/indexer-api/documents.ts";
import { decodedEventOf, type MarketEventRow } from "../../protocol/indexer-api/rows.ts";
import {
  fetchLogsForward,
  fetchRecentLogs,
  LOG_PAGE_BLOCKS,
  logKey,
  type MarketLog,
  type Topics,
} from "../lib/marketLogs.ts";

/**
 * An indexer further behind the chain's head than this reads as unavailable: filling the gap from
 * the chain would cost more than one eth_getLogs page, so the page reads the chain instead.
 */
export const MAX_INDEXER_LAG_BLOCKS = LOG_PAGE_BLOCKS;

/** One history a page shows, said twice: as eth_getLogs topics and as the indexer's event filter. */
export interface HistoryRequest {
  topics: Topics;
  /** A marketEventFilter (documents.ts MARKET_EVENTS): the same events as `topics`. */
  where: Record<string, unknown>;
  /** First block worth reading on the chain (a job's order block); default the deployment block. */
  fromBlock?: bigint;
  /** Last block with events (a settled job's settlement block); default the chain's head. */
  toBlock?: bigint;
  /** Only the newest `recent` events (a feed). */
  recent?: number;
}

export type HistorySource =
  | { kind: "indexer"; indexedBlock: bigint; head: bigint }
  | { kind: "chain"; reason: "no indexer" | "indexer unavailable" | "indexer behind"; behind?: bigint };

export interface History {
  logs: MarketLog[];
  /** The logs are complete up to this block. */
  toBlock: bigint;
  source: HistorySource;
}

export interface HistoryContext {
  client: Pick<PublicClient, "request" | "getBlockNumber">;
  market: Address;
  deployBlock: bigint;
  indexerUrl: string | null;
}

const lower = (a: bigint, b: bigint | undefined) => (b !== undefined && b < a ? b : a);

/** The indexer's events for `request`, oldest first, and the block it had indexed when it answered. */
export async function readIndexedEvents(
  indexerUrl: string,
  request: Pick<HistoryRequest, "where" | "recent">,
): Promise<{ logs: MarketLog[]; indexedBlock: bigint | undefined }> {
  type Answer = {
    marketEvents: { items: MarketEventRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    _meta: { status?: unknown } | null;
  };
  const rows: MarketEventRow[] = [];
  let indexedBlock: bigint | undefined;
  let after: string | null = null;
  for (;;) {
    const page: Answer = await queryIndexer<Answer>(indexerUrl, MARKET_EVENTS, {
      where: request.where,
      limit: request.recent ?? 1000,
      orderDirection: request.recent ? "desc" : "asc",
      after,
    });
    // The first page's progress holds for every page: later pages only add older rows to a feed, or
    // rows up to a block the first answer had already indexed.
    indexedBlock ??= indexedBlockOf(page._meta);
    rows.push(...page.marketEvents.items);
    if (request.recent || !page.marketEvents.pageInfo.hasNextPage) break;
    after = page.marketEvents.pageInfo.endCursor;
  }
  if (request.recent) rows.reverse();
  const logs = rows
    .filter((row) => indexedBlock === undefined || BigInt(row.blockNumber) <= indexedBlock)
    .map((row) => decodedEventOf(row) as unknown as MarketLog);
  return { logs, indexedBlock };
}

async function readChain(
  ctx: HistoryContext,
  request: HistoryRequest,
  head: bigint,
  source: HistorySource,
): Promise<History> {
  const from = request.fromBlock ?? ctx.deployBlock;
  const to = lower(head, request.toBlock);
  const logs =
    from > to
      ? []
      : request.recent
        ? await fetchRecentLogs(ctx.client, ctx.market, request.topics, from, to, request.recent)
        : await fetchLogsForward(ctx.client, ctx.market, request.topics, from, to);
  return { logs, toBlock: head, source };
}

/** The history `request` names, from the indexer when it can answer it, else from the chain. */
export async function readHistory(ctx: HistoryContext, request: HistoryRequest): Promise<History> {
  const head = await ctx.client.getBlockNumber({ cacheTime: 0 });
  if (!ctx.indexerUrl) return readChain(ctx, request, head, { kind: "chain", reason: "no indexer" });
  let indexed: Awaited<ReturnType<typeof readIndexedEvents>>;
  try {
    indexed = await readIndexedEvents(ctx.indexerUrl, request);
  } catch {
    return readChain(ctx, request, head, { kind: "chain", reason: "indexer unavailable" });
  }
  const { indexedBlock } = indexed;
  if (indexedBlock === undefined || head - indexedBlock > MAX_INDEXER_LAG_BLOCKS) {
    const behind = indexedBlock === undefined ? undefined : head - indexedBlock;
    return readChain(ctx, request, head, { kind: "chain", reason: "indexer behind", behind });
  }
  // The blocks the indexer has not indexed yet (usually none or one) come from the chain.
  let logs = indexed.logs;
  const end = lower(head, request.toBlock);
  if (indexedBlock < end) {
    const fresh = await fetchLogsForward(ctx.client, ctx.market, request.topics, indexedBlock + 1n, end);
    const seen = new Set(logs.map(logKey));
    logs = [...logs, ...fresh.filter((log) => !seen.has(logKey(log)))];
    if (request.recent) logs = logs.slice(-request.recent);
  }
  return { logs, toBlock: head, source: { kind: "indexer", indexedBlock, head } };
}
