import { useEffect, useMemo } from "react";
import type { Address } from "viem";
import { appConfig } from "../config/appConfig.ts";
import { readQcLists } from "../indexer/lists.ts";
import { OPEN_JOBS_PAGE, TABLE_PAGE } from "../lib/listPages.ts";
import { settledRowOfView } from "../lib/settledRows.ts";
import { useListPages } from "./useListPages.ts";
import { useReadIndexerLists } from "./useReadIndexerLists.ts";
import { useReadJobsById } from "./useReadJobsById.ts";
import { useReadQcChainLists } from "./useReadQcChainLists.ts";

const SIZES = { open: OPEN_JOBS_PAGE, settled: TABLE_PAGE, refunds: TABLE_PAGE } as const;

/**
 * The QC page's three lists, a page of each: its open jobs (live views, which it acts on), its
 * settled jobs and the refunds it received. With the indexer, one request gives each list's page and
 * count, and only the open page's jobs are read on the chain (one batched getJob read); without it,
 * or when it does not answer or is far behind, the chain's lists (useReadQcChainLists).
 */
export function useReadQcPage(qc: Address | undefined) {
  const url = appConfig.indexerUrl;
  const { windows, pagers, keepInRange } = useListPages(SIZES);
  const indexed = useReadIndexerLists(
    ["qc", url, qc, windows],
    (head) => readQcLists(url!, head, qc!, windows),
    url !== null && qc !== undefined,
  );
  const lists = indexed.data?.lists;
  const viaChain = url === null || indexed.error !== null || (indexed.data !== undefined && !lists);
  const chain = useReadQcChainLists(qc, viaChain);

  const pages = pagers(
    lists
      ? { open: lists.open.total, settled: lists.settled.total, refunds: lists.refunds.total }
      : { open: chain.open.length, settled: chain.settled.length, refunds: chain.refunds.length },
  );
  useEffect(() => keepInRange(pages));

  const views = useReadJobsById(lists?.open.rows);
  const { open: openPage, settled: settledPage, refunds: refundsPage } = pages;
  const [openAt, settledAt, refundsAt] = [openPage.offset, settledPage.offset, refundsPage.offset];
  const chainOpen = useMemo(() => chain.open.slice(openAt, openAt + OPEN_JOBS_PAGE), [chain.open, openAt]);
  const chainSettled = useMemo(
    () => chain.settled.slice(settledAt, settledAt + TABLE_PAGE).map(settledRowOfView),
    [chain.settled, settledAt],
  );
  const chainRefunds = useMemo(
    () => chain.refunds.slice(refundsAt, refundsAt + TABLE_PAGE),
    [chain.refunds, refundsAt],
  );

  return {
    /** Where the job lists come from (none said without an indexer, as before it existed). */
    source: url === null ? undefined : indexed.data?.source,
    isLoading: lists ? views.isLoading : viaChain ? chain.isLoading : indexed.isLoading,
    error: views.error ?? chain.error,
    open: {
      jobs: lists ? views.data : viaChain && chain.jobsLoaded ? chainOpen : undefined,
      pager: openPage,
    },
    settled: { rows: lists ? lists.settled.rows : chainSettled, pager: settledPage },
    refunds: {
      rows: lists ? lists.refunds.rows : chainRefunds,
      pager: refundsPage,
      loaded: lists !== undefined || chain.refundsLoaded,
      source: lists ? indexed.data?.source : chain.refundsSource,
    },
  };
}
