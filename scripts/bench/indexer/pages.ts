// What each page asks to show itself, two ways: the app of today reading everything from the chain
// (the same reads, topics and block ranges as src/lib/marketLogs.ts and the app's hooks), and the
// app with the indexer (history and lists from one GraphQL request, live state still from the chain).
// Both go through the app's own two-lane transport, so a request here is an HTTP request there.
import { type Address, createPublicClient, type Hex, type PublicClient } from "viem";
import { twoLaneTransport } from "../../../src/app/config/rpcTransport.ts";
import { jobMarketAbi, jobMarketLensAbi } from "../../../src/protocol/generated/abis.ts";
import {
  accountTopics,
  eventsTopics,
  fetchLogsForward,
  fetchRecentLogs,
  jobTopics,
} from "../../../src/app/lib/marketLogs.ts";
import { queryIndexer } from "../../../src/protocol/indexer/client.ts";
import { DASHBOARD, JOB_PAGE, NODE_PAGE, QC_PAGE } from "../../../src/protocol/indexer/documents.ts";

/** Jobs or nodes per lens call, as src/hooks/readLens.ts reads them (LENS_PAGE). */
const LENS_PAGE = 200;
const FEED_SIZE = 50;
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

async function allJobs(client: PublicClient, m: Market): Promise<{ id: Hex; qc: Address }[]> {
  const count = Number(await read<bigint>(client, m, "jobCount"));
  const pages = await Promise.all(
    lensPages(count).map((p) =>
      readLens<{ id: Hex; qc: Address }[]>(client, m, "getJobs", [
        m.market,
        BigInt(p.offset),
        BigInt(p.limit),
      ]),
    ),
  );
  return pages.reverse().flat();
}

/** Today's job page: the job and its progress, then its timeline from its order block to the head. */
export async function chainJobPage(client: PublicClient, m: Market, id: Hex): Promise<number> {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const [job] = await Promise.all([
    read<{ orderedAt: bigint }>(client, m, "getJob", [id]),
    read(client, m, "getProgress", [id]),
  ]);
  const logs = await fetchLogsForward(client, m.market, jobTopics(id), job.orderedAt, head);
  return logs.length;
}

/** Today's QC page: every job in the market (to find its own), its balance, and every Refund event. */
export async function chainQcPage(client: PublicClient, m: Market, qc: Address): Promise<number> {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const [jobs, , refunds] = await Promise.all([
    allJobs(client, m),
    read(client, m, "balanceOf", [qc]),
    fetchLogsForward(client, m.market, eventsTopics(["Refund"]), m.deployBlock, head),
  ]);
  const own = jobs.filter((j) => j.qc === qc).length;
  return (
    own +
    refunds.filter((l) => (l.args as unknown as { recipients: Address[] }).recipients.includes(qc)).length
  );
}

/** Today's dashboard: every job and node through the lens, the parameters, the feed, the page's progress. */
export async function chainDashboard(client: PublicClient, m: Market): Promise<number> {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const nodeCount = read<bigint>(client, m, "nodeCount");
  const [jobs, nodes, , feed] = await Promise.all([
    allJobs(client, m),
    nodeCount.then((n) => readLens<unknown[]>(client, m, "getNodes", [m.market, 0n, n])),
    read(client, m, "parameters"),
    fetchRecentLogs(client, m.market, eventsTopics(FEED_EVENTS), m.deployBlock, head, FEED_SIZE),
  ]);
  const page = jobs.slice(-DASHBOARD_PAGE).map((j) => j.id);
  await readLens(client, m, "getProgresses", [m.market, page]);
  return jobs.length + nodes.length + feed.length;
}

/** Today's node page: the jobs it locked collateral in, from the deployment block. */
export async function chainNodePage(client: PublicClient, m: Market, node: Address): Promise<number> {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const logs = await fetchLogsForward(
    client,
    m.market,
    accountTopics("CollateralLocked", node, true),
    m.deployBlock,
    head,
  );
  return logs.length;
}

/** The job page with the indexer: live state from the chain, history from one query, side by side. */
export async function indexedJobPage(
  client: PublicClient,
  m: Market,
  indexer: string,
  id: Hex,
): Promise<number> {
  const [, , , page] = await Promise.all([
    client.getBlockNumber({ cacheTime: 0 }),
    read(client, m, "getJob", [id]),
    read(client, m, "getProgress", [id]),
    queryIndexer<{ job: { events: { items: unknown[] } } }>(indexer, JOB_PAGE, { id }),
  ]);
  return page.job.events.items.length;
}

export async function indexedQcPage(
  client: PublicClient,
  m: Market,
  indexer: string,
  qc: Address,
): Promise<number> {
  const [, , page] = await Promise.all([
    client.getBlockNumber({ cacheTime: 0 }),
    read(client, m, "balanceOf", [qc]),
    queryIndexer<{ jobs: { totalCount: number }; refunds: { totalCount: number } }>(indexer, QC_PAGE, { qc }),
  ]);
  return page.jobs.totalCount + page.refunds.totalCount;
}

export async function indexedDashboard(client: PublicClient, m: Market, indexer: string): Promise<number> {
  const [, page] = await Promise.all([
    client.getBlockNumber({ cacheTime: 0 }),
    queryIndexer<{
      jobs: { totalCount: number; items: unknown[] };
      nodes: { items: unknown[] };
      feed: { items: unknown[] };
    }>(indexer, DASHBOARD, { market: m.market, jobs: DASHBOARD_PAGE }),
  ]);
  return page.jobs.totalCount + page.nodes.items.length + page.feed.items.length;
}

export async function indexedNodePage(
  client: PublicClient,
  m: Market,
  indexer: string,
  node: Address,
): Promise<number> {
  const [, , page] = await Promise.all([
    client.getBlockNumber({ cacheTime: 0 }),
    read(client, m, "getNode", [node]),
    queryIndexer<{ participants: { totalCount: number } }>(indexer, NODE_PAGE, { node }),
  ]);
  return page.participants.totalCount;
}
