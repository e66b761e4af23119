// The QC's and the node's lists from the indexer's own rows: a page of each list and its count in
// one request (documents.ts QC_LISTS, NODE_LISTS), so a page costs the same whatever the number of
// jobs or the chain's age. Open jobs come back as ids only: the page reads their live views on the
// chain, the truth for anything a transaction can be sent about. One plain function per page (no
// React), so the hooks and bench:indexer run the same read.
import type { Address } from "viem";
import { indexedBlockOf, queryIndexer } from "../../protocol/indexer-api/client.ts";
import { NODE_LISTS, QC_LISTS } from "../../protocol/indexer-api/documents.ts";
import type { JobId } from "../../protocol/jobId.ts";
import type { Credit } from "../lib/settlement.ts";
import type { SettledJobRow } from "../lib/settledRows.ts";
import { MAX_INDEXER_LAG_BLOCKS, type HistorySource } from "./history.ts";

/** One page of a list and how many rows the whole list has. */
export interface ListPage<T> {
  rows: T[];
  total: number;
}

/** Where each list's page starts and how long it is. */
export interface ListWindow {
  offset: number;
  limit: number;
}

export interface NodeLists {
  open: ListPage<JobId>;
  settled: ListPage<SettledJobRow>;
}

export interface QcLists extends NodeLists {
  refunds: ListPage<Credit>;
}

/** The lists, or (no `lists`) why the page must read the chain instead. */
export interface IndexedLists<T> {
  lists?: T;
  source: HistorySource;
}

interface Page<T> {
  totalCount: number;
  items: T[];
}

interface SettledItem {
  id: string;
  state: number;
  jobType: number;
  quote: string;
  totalPrice: string | null;
  mpcs: string[];
  settledBlock: string | null;
}

interface RefundItem {
  id: string;
  jobId: string;
  amount: string;
  blockNumber: string;
}

/** The indexer's settled job as the table's row (the same values the chain's view gives). */
export function settledRowOfIndexed(item: SettledItem): SettledJobRow {
  const assigned = item.mpcs.length > 0;
  return {
    id: item.id as JobId,
    state: item.state,
    jobType: item.jobType,
    settledAt: BigInt(item.settledBlock ?? 0),
    price: assigned ? (item.totalPrice === null ? null : BigInt(item.totalPrice)) : BigInt(item.quote),
  };
}

function refundOfIndexed(item: RefundItem): Credit {
  return {
    key: item.id,
    id: item.jobId as JobId,
    blockNumber: BigInt(item.blockNumber),
    amount: BigInt(item.amount),
  };
}

/** How long to wait for the indexer to reach the block the page was asked at, and how often to look. */
export const CATCH_UP_TRIES = 15;
export const CATCH_UP_PAUSE_MS = 200;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One list document at the chain's `head`. The indexer usually trails the chain by a block or so
 * when a new block asks for a refresh (a job the user just cancelled is still open there): then it
 * asks again, a little later, until it has indexed `head`, so the lists show the new block. An
 * indexer that does not answer or is more than one eth_getLogs page behind is reported as such.
 */
async function readLists<Answer>(
  indexerUrl: string,
  head: bigint,
  document: string,
  variables: Record<string, unknown>,
): Promise<{ answer?: Answer; source: HistorySource }> {
  for (let attempt = 1; ; attempt++) {
    let answer: Answer & { _meta: { status?: unknown } | null };
    try {
      answer = await queryIndexer(indexerUrl, document, variables);
    } catch {
      return { source: { kind: "chain", reason: "indexer unavailable" } };
    }
    const indexedBlock = indexedBlockOf(answer._meta);
    if (indexedBlock === undefined || head - indexedBlock > MAX_INDEXER_LAG_BLOCKS) {
      const behind = indexedBlock === undefined ? undefined : head - indexedBlock;
      return { source: { kind: "chain", reason: "indexer behind", behind } };
    }
    // The lists are the indexer's alone (no chain logs are merged into rows): say it read to `head`
    // only once it has; else it says how far it had indexed.
    if (indexedBlock >= head || attempt >= CATCH_UP_TRIES)
      return { answer, source: { kind: "indexer", indexedBlock, head: indexedBlock } };
    await pause(CATCH_UP_PAUSE_MS);
  }
}

const windowVariables = (windows: Record<string, ListWindow>) =>
  Object.fromEntries(
    Object.entries(windows).flatMap(([name, w]) => [
      [`${name}Limit`, w.limit],
      [`${name}Offset`, w.offset],
    ]),
  );

function jobLists(answer: { open: Page<{ id: string }>; settled: Page<SettledItem> }): NodeLists {
  return {
    open: { rows: answer.open.items.map((j) => j.id as JobId), total: answer.open.totalCount },
    settled: { rows: answer.settled.items.map(settledRowOfIndexed), total: answer.settled.totalCount },
  };
}

/** A page of the QC's open jobs, of its settled jobs and of the refunds it received, newest first. */
export async function readQcLists(
  indexerUrl: string,
  head: bigint,
  qc: Address,
  windows: { open: ListWindow; settled: ListWindow; refunds: ListWindow },
): Promise<IndexedLists<QcLists>> {
  type Answer = { open: Page<{ id: string }>; settled: Page<SettledItem>; refunds: Page<RefundItem> };
  const { answer, source } = await readLists<Answer>(indexerUrl, head, QC_LISTS, {
    qc: qc.toLowerCase(),
    ...windowVariables(windows),
  });
  if (!answer) return { source };
  const refunds = { rows: answer.refunds.items.map(refundOfIndexed), total: answer.refunds.totalCount };
  return { lists: { ...jobLists(answer), refunds }, source };
}

/** A page of the open and of the settled jobs `node` locked collateral in, newest order first. */
export async function readNodeLists(
  indexerUrl: string,
  head: bigint,
  node: Address,
  windows: { open: ListWindow; settled: ListWindow },
): Promise<IndexedLists<NodeLists>> {
  type Answer = { open: Page<{ id: string }>; settled: Page<SettledItem> };
  const { answer, source } = await readLists<Answer>(indexerUrl, head, NODE_LISTS, {
    node: node.toLowerCase(),
    ...windowVariables(windows),
  });
  return answer ? { lists: jobLists(answer), source } : { source };
}
