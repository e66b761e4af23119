// What each page asks to show itself, two ways, through the app's own read path: its history reads
// (src/app/indexer/history.ts readHistory with the pages' own requests from historyRequests.ts), with
// the indexer's URL or without one (the chain fallback), and the same live-state reads its hooks make.
// Everything goes through the app's two-lane transport, so a request here is an HTTP request there.
import { type Address, createPublicClient, type Hex, type PublicClient } from "viem";
import { twoLaneTransport } from "../../../src/app/config/rpcTransport.ts";
import { jobMarketAbi, jobMarketLensAbi } from "../../../src/protocol/generated/abis.ts";
import { type HistoryRequest, readHistory } from "../../../src/app/indexer/history.ts";
import {
  jobHistory,
  lockedByHistory,
  recentHistory,
  refundsHistory,
} from "../../../src/app/indexer/historyRequests.ts";
import { readNodeLists, readQcLists } from "../../../src/app/indexer/lists.ts";
import { OPEN_JOBS_PAGE, TABLE_PAGE } from "../../../src/app/lib/listPages.ts";
import { isSettled } from "../../../src/protocol/enums.ts";
import { jobIdsIn } from "../../../src/app/lib/jobIndex.ts";
import { creditsTo } from "../../../src/app/lib/settlement.ts";
import { queryIndexer } from "../../../src/protocol/indexer-api/client.ts";
import { DASHBOARD_CHARTS } from "../../../src/protocol/indexer-api/documents.ts";

/** Jobs or nodes per lens call, as src/hooks/readLens.ts reads them (LENS_PAGE). */
const LENS_PAGE = 200;
/** The feed's size and kinds, as src/app/pages/dashboard/LiveFeed.tsx reads them. */
const FEED_SIZE = 100;
const DASHBOARD_PAGE = 50;
const FEED_EVENTS = ["JobDispatched", "JobStatusUpdated", "RewardDistributed", "Refund"] as const;

export interface Market {
  rpcUrl: string;
  market: Address;
  lens: Address;
  deployBlock: bigint;
}

export function appClient(m: Market): PublicClient {
  return createPublicClient({ transport: twoLaneTransport(m.rpcUrl, m.lens) }) as PublicClient;
}

const read = <T>(client: PublicClient, m: Market, functionName: string, args: readonly unknown[] = []) =>
  client.readContract({ address: m.market, abi: jobMarketAbi, functionName, args } as never) as Promise<T>;
const readLens = <T>(client: PublicClient, m: Market, functionName: string, args: readonly unknown[]) =>
  client.readContract({ address: m.lens, abi: jobMarketLensAbi, functionName, args } as never) as Promise<T>;

/** Newest page first, each full but the oldest (src/hooks/readLens.ts pagesNewestFirst). */
function lensPages(count: number): { offset: number; limit: number }[] {
  const pages = [];
  for (let end = count; end > 0; end -= LENS_PAGE)
    pages.push({ offset: Math.max(0, end - LENS_PAGE), limit: Math.min(LENS_PAGE, end) });
  return pages;
}

interface LensJob {
  id: Hex;
  qc: Address;
  state: number;
  mpcsAssigned: boolean;
}

async function allJobs(client: PublicClient, m: Market): Promise<LensJob[]> {
  const count = Number(await read<bigint>(client, m, "jobCount"));
  const pages = await Promise.all(
    lensPages(count).map((p) =>
      readLens<LensJob[]>(client, m, "getJobs", [m.market, BigInt(p.offset), BigInt(p.limit)]),
    ),
  );
  return pages.reverse().flat();
}

/** The app's history read for `request`, with the indexer at `indexer` or (undefined) the chain alone. */
function history(client: PublicClient, m: Market, indexer: string | undefined, request: HistoryRequest) {
  return readHistory(
    { client, market: m.market, deployBlock: m.deployBlock, indexerUrl: indexer ?? null },
    request,
  );
}

/** The live views of these jobs, one getJob each, sent together (useReadJobsById: one batched request). */
function jobsById(client: PublicClient, m: Market, ids: readonly Hex[]) {
  return Promise.all(ids.map((id) => read(client, m, "getJob", [id])));
}

/** The job page: its view and progress, then its timeline (indexer, or the chain over its own span). */
export async function jobPage(
  client: PublicClient,
  m: Market,
  indexer: string | undefined,
  id: Hex,
): Promise<number> {
  const [job] = await Promise.all([
    read<{ orderedAt: bigint; settledAt: bigint }>(client, m, "getJob", [id]),
    read(client, m, "getProgress", [id]),
  ]);
  const timeline = await history(client, m, indexer, jobHistory(id, job.orderedAt, job.settledAt));
  return timeline.logs.length;
}

/** The first page of each list, as useReadQcPage and useReadNodePage ask (useListPages' windows). */
const FIRST_OPEN = { offset: 0, limit: OPEN_JOBS_PAGE };
const FIRST_TABLE = { offset: 0, limit: TABLE_PAGE };

/**
 * The open page's live state, as the cards read it: one getJob each (useReadJobsById), then the
 * progress of those with MPCs (the QC's cards: one lens call, useReadLiveProgresses; the node's: one
 * getProgress each, useReadProgress, batched).
 */
async function openCards(client: PublicClient, m: Market, ids: readonly Hex[], progress: "lens" | "each") {
  const views = (await jobsById(client, m, ids)) as { id: Hex; mpcsAssigned: boolean }[];
  const assigned = views.filter((v) => v.mpcsAssigned).map((v) => v.id);
  if (progress === "each") await Promise.all(ids.map((id) => read(client, m, "getProgress", [id])));
  else if (assigned.length) await readLens(client, m, "getProgresses", [m.market, assigned]);
  return views.length;
}

/**
 * The QC page: its balance, and its lists. With the indexer (useReadQcPage): one request for a page
 * of its open jobs, of its settled jobs and of its refunds, each counted, then the open page's live
 * views and progress. Without: every job through the lens and every Refund (useReadQcChainLists),
 * then the open page's progress.
 */
export async function qcPage(
  client: PublicClient,
  m: Market,
  indexer: string | undefined,
  qc: Address,
): Promise<number> {
  if (indexer) {
    const [head] = await Promise.all([client.getBlockNumber(), read(client, m, "balanceOf", [qc])]);
    const { lists } = await readQcLists(indexer, head, qc, {
      open: FIRST_OPEN,
      settled: FIRST_TABLE,
      refunds: FIRST_TABLE,
    });
    if (!lists) throw new Error("The indexer could not give the QC's lists");
    await openCards(client, m, lists.open.rows, "lens");
    return lists.open.total + lists.settled.total + lists.refunds.total;
  }
  const [jobs, , refunds] = await Promise.all([
    allJobs(client, m),
    read(client, m, "balanceOf", [qc]),
    history(client, m, undefined, refundsHistory(qc)),
  ]);
  const own = jobs.filter((j) => j.qc === qc);
  const open = own.filter((j) => !isSettled(j.state)).reverse();
  const assigned = open.slice(0, OPEN_JOBS_PAGE).filter((j) => j.mpcsAssigned);
  if (assigned.length) await readLens(client, m, "getProgresses", [m.market, assigned.map((j) => j.id)]);
  return own.length + creditsTo(refunds.logs, qc).length;
}

/**
 * The node page: its registration, and its lists. With the indexer (useReadNodePage): one request
 * for a page of its open and of its settled jobs, counted, then the open page's views and progress.
 * Without: its CollateralLocked logs and every such job's view (useReadNodeChainLists).
 */
export async function nodePage(
  client: PublicClient,
  m: Market,
  indexer: string | undefined,
  node: Address,
): Promise<number> {
  if (indexer) {
    const [head] = await Promise.all([client.getBlockNumber(), read(client, m, "getNode", [node])]);
    const { lists } = await readNodeLists(indexer, head, node, { open: FIRST_OPEN, settled: FIRST_TABLE });
    if (!lists) throw new Error("The indexer could not give the node's lists");
    await openCards(client, m, lists.open.rows, "each");
    return lists.open.total + lists.settled.total;
  }
  const [, locked] = await Promise.all([
    read(client, m, "getNode", [node]),
    history(client, m, undefined, lockedByHistory(node)),
  ]);
  const views = (await jobsById(client, m, jobIdsIn(locked.logs))) as { id: Hex; state: number }[];
  const open = views
    .filter((v) => !isSettled(v.state))
    .reverse()
    .slice(0, OPEN_JOBS_PAGE);
  await Promise.all(open.map((v) => read(client, m, "getProgress", [v.id])));
  return views.length;
}

/**
 * The dashboard: every job and node through the lens (their live state), the parameters, the feed's
 * history, the visible page's progress, and with the indexer the charts' days (lazy-loaded panel).
 */
export async function dashboard(
  client: PublicClient,
  m: Market,
  indexer: string | undefined,
): Promise<number> {
  const nodeCount = read<bigint>(client, m, "nodeCount");
  const [jobs, nodes, , feed, charts] = await Promise.all([
    allJobs(client, m),
    nodeCount.then((n) => readLens<unknown[]>(client, m, "getNodes", [m.market, 0n, n])),
    read(client, m, "parameters"),
    history(client, m, indexer, recentHistory(FEED_EVENTS, FEED_SIZE)),
    indexer
      ? queryIndexer<{ dailyStats: { items: unknown[] } }>(indexer, DASHBOARD_CHARTS, { market: m.market })
      : undefined,
  ]);
  const page = jobs.slice(-DASHBOARD_PAGE).map((j) => j.id);
  await readLens(client, m, "getProgresses", [m.market, page]);
  return jobs.length + nodes.length + feed.logs.length + (charts?.dailyStats.items.length ?? 0);
}
