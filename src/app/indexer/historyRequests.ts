// The histories the pages show, each as chain topics and as the indexer's filter (history.ts reads
// whichever source answers). Addresses and ids go to the indexer lowercase, as it stores them.
import type { Address } from "viem";
import type { JobId } from "../../protocol/jobId.ts";
import { accountTopics, eventsTopics, jobTopics, type MarketEventName } from "../lib/marketLogs.ts";
import type { HistoryRequest } from "./history.ts";

/**
 * A job's whole timeline. On the chain only its own block span is read: from its order block to its
 * settlement block (the job's view keeps both), never from the deployment.
 */
export function jobHistory(id: JobId, orderedAt: bigint, settledAt: bigint): HistoryRequest {
  return {
    topics: jobTopics(id),
    where: { jobId: id.toLowerCase() },
    fromBlock: orderedAt,
    toBlock: settledAt > 0n ? settledAt : undefined,
  };
}

/** The newest `recent` events of these kinds (the live feed, the watcher's settlements). */
export function recentHistory(names: readonly MarketEventName[], recent: number): HistoryRequest {
  return {
    topics: eventsTopics(names),
    where: names.length === 1 ? { name: names[0] } : { name_in: [...names] },
    recent,
  };
}

/**
 * Refund events that pay `account`. The chain cannot filter a list argument: there every Refund is
 * read and the page keeps the account's; the indexer answers with the account's only.
 */
export function refundsHistory(account: Address): HistoryRequest {
  return { topics: eventsTopics(["Refund"]), where: { name: "Refund", accounts_has: account.toLowerCase() } };
}

/** Where `node` locked collateral: the jobs it took part in. */
export function lockedByHistory(node: Address): HistoryRequest {
  return {
    topics: accountTopics("CollateralLocked", node, true),
    where: { name: "CollateralLocked", account: node.toLowerCase() },
  };
}

/** The orders placed for `qc` (JobOrdered names it): the jobs addressed to it. */
export function ordersForHistory(qc: Address): HistoryRequest {
  return {
    topics: accountTopics("JobOrdered", qc, true),
    where: { name: "JobOrdered", account: qc.toLowerCase() },
  };
}
