import { useMemo } from "react";
import type { Address } from "viem";
import { appConfig } from "../config/appConfig.ts";
import { ordersForHistory } from "../indexer/historyRequests.ts";
import { jobIdsIn } from "../lib/jobIndex.ts";
import { useMarketLogs } from "./useMarketLogs.ts";
import { useReadAllJobs } from "./useReadAllJobs.ts";
import { useReadJobsById } from "./useReadJobsById.ts";

/**
 * The jobs addressed to `qc`, oldest first, with their live views. With an indexer its orders come
 * from the indexer (one request) and their views in one batched read; without, every job of the market
 * through the lens (the dashboard shares that cache), which costs the same on an old chain as a new one.
 */
export function useReadQcJobs(qc: Address | undefined) {
  const viaHistory = appConfig.indexerUrl !== null && qc !== undefined;
  const request = useMemo(() => (qc ? ordersForHistory(qc) : undefined), [qc]);
  const orders = useMarketLogs({
    request: request ?? ordersForHistory(appConfig.jobMarketAddress),
    enabled: viaHistory,
  });
  const ids = useMemo(() => (orders.logs ? jobIdsIn(orders.logs) : undefined), [orders.logs]);
  const views = useReadJobsById(viaHistory ? ids : undefined);
  const all = useReadAllJobs(!viaHistory);
  if (!viaHistory) return { data: all.data, isLoading: all.isLoading, error: all.error, source: undefined };
  return {
    data: views.data,
    isLoading: orders.isLoading || views.isLoading,
    error: orders.error ?? views.error,
    source: orders.source,
  };
}
