import { useMemo } from "react";
import type { Address } from "viem";
import { refundsHistory } from "../indexer/historyRequests.ts";
import { qcJobsOf } from "../lib/qcJobs.ts";
import { creditsTo } from "../lib/settlement.ts";
import { useMarketLogs } from "./useMarketLogs.ts";
import { useReadAllJobs } from "./useReadAllJobs.ts";

const NOBODY = "0x0000000000000000000000000000000000000000";

/**
 * The QC page's lists without the indexer: every job of the market through the lens (the dashboard
 * shares that cache), split into the QC's open and settled jobs, and every Refund's entries to it;
 * newest first. Costs grow with the market, not with the page shown: the indexer's lists do not.
 */
export function useReadQcChainLists(qc: Address | undefined, enabled: boolean) {
  const all = useReadAllJobs(enabled);
  const request = useMemo(() => refundsHistory(qc ?? NOBODY), [qc]);
  const logs = useMarketLogs({ request, enabled: enabled && qc !== undefined });
  const jobs = useMemo(() => qcJobsOf(all.data ?? [], qc), [all.data, qc]);
  const refunds = useMemo(() => (qc ? creditsTo(logs.logs ?? [], qc).reverse() : []), [logs.logs, qc]);
  return {
    ...jobs,
    refunds,
    jobsLoaded: all.data !== undefined,
    refundsLoaded: logs.logs !== undefined,
    isLoading: all.isLoading,
    error: all.error,
    refundsSource: logs.source,
  };
}
