import { useMemo } from "react";
import type { Address } from "viem";
import { isSettled } from "../../protocol/enums.ts";
import { lockedByHistory } from "../indexer/historyRequests.ts";
import { jobIdsIn } from "../lib/jobIndex.ts";
import { useMarketLogs } from "./useMarketLogs.ts";
import { useReadJobsById } from "./useReadJobsById.ts";

/**
 * The node page's lists without the indexer: the jobs `node` locked collateral in (its
 * CollateralLocked logs; each job once, as an MPC assigned twice locked twice) with every one's live
 * view, split into open and settled, newest first. Grows with the node's jobs and the chain's age.
 */
export function useReadNodeChainLists(node: Address, enabled: boolean) {
  const request = useMemo(() => lockedByHistory(node), [node]);
  const { logs, isLoading, source } = useMarketLogs({ request, enabled });
  const ids = useMemo(() => (enabled && logs ? jobIdsIn(logs) : undefined), [enabled, logs]);
  const views = useReadJobsById(ids);
  const lists = useMemo(() => {
    const mine = views.data ?? [];
    return {
      open: mine.filter((job) => !isSettled(job.state)).reverse(),
      settled: mine.filter((job) => isSettled(job.state)).reverse(),
    };
  }, [views.data]);
  return {
    ...lists,
    loaded: views.data !== undefined,
    isLoading: isLoading || views.isLoading,
    error: views.error,
    source,
  };
}
