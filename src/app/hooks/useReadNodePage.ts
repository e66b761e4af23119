import { useEffect, useMemo } from "react";
import type { Address } from "viem";
import { appConfig } from "../config/appConfig.ts";
import { readNodeLists } from "../indexer/lists.ts";
import { OPEN_JOBS_PAGE, TABLE_PAGE } from "../lib/listPages.ts";
import { settledRowOfView } from "../lib/settledRows.ts";
import { useListPages } from "./useListPages.ts";
import { useReadIndexerLists } from "./useReadIndexerLists.ts";
import { useReadJobsById } from "./useReadJobsById.ts";
import { useReadNodeChainLists } from "./useReadNodeChainLists.ts";

const SIZES = { open: OPEN_JOBS_PAGE, settled: TABLE_PAGE } as const;

/**
 * The node page's two lists, a page of each: the open jobs it holds collateral in (live views: it
 * reports status and acts on them) and its settled jobs. With the indexer, one request gives both
 * pages and counts, and only the open page's jobs are read on the chain; without it, or when it does
 * not answer or is far behind, the chain's lists (useReadNodeChainLists).
 */
export function useReadNodePage(node: Address) {
  const url = appConfig.indexerUrl;
  const { windows, pagers, keepInRange } = useListPages(SIZES);
  const indexed = useReadIndexerLists(
    ["node", url, node, windows],
    (head) => readNodeLists(url!, head, node, windows),
    url !== null,
  );
  const lists = indexed.data?.lists;
  const viaChain = url === null || indexed.error !== null || (indexed.data !== undefined && !lists);
  const chain = useReadNodeChainLists(node, viaChain);

  const pages = pagers(
    lists
      ? { open: lists.open.total, settled: lists.settled.total }
      : { open: chain.open.length, settled: chain.settled.length },
  );
  useEffect(() => keepInRange(pages));

  const views = useReadJobsById(lists?.open.rows);
  const [openAt, settledAt] = [pages.open.offset, pages.settled.offset];
  const chainOpen = useMemo(() => chain.open.slice(openAt, openAt + OPEN_JOBS_PAGE), [chain.open, openAt]);
  const chainSettled = useMemo(
    () => chain.settled.slice(settledAt, settledAt + TABLE_PAGE).map(settledRowOfView),
    [chain.settled, settledAt],
  );

  return {
    source: lists ? indexed.data?.source : (chain.source ?? indexed.data?.source),
    isLoading: lists ? views.isLoading : viaChain ? chain.isLoading : indexed.isLoading,
    loaded: lists ? views.data !== undefined : viaChain && chain.loaded,
    error: views.error ?? chain.error,
    open: { jobs: lists ? views.data : viaChain ? chainOpen : undefined, pager: pages.open },
    settled: { rows: lists ? lists.settled.rows : chainSettled, pager: pages.settled },
  };
}
