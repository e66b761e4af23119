import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type Address, decodeFunctionData, type Hash, type Hex } from "viem";
import { useConfig } from "wagmi";
import { getPublicClient, readContract } from "wagmi/actions";
import { jobMarket } from "../config/contracts.ts";
import { FailureReason, JobState } from "../../protocol/enums.ts";
import type { JobId } from "../../protocol/jobId.ts";
import { recentHistory } from "../indexer/historyRequests.ts";
import { accessRoles } from "../../protocol/accessRoles.ts";
import type { JobView, ParticipantView } from "../../protocol/views.ts";
import { useLatestBlock } from "./useLatestBlock.ts";
import { useMarketLogs } from "./useMarketLogs.ts";
import { useReadAllJobs } from "./useReadAllJobs.ts";
import { useReadProgresses } from "./useReadProgresses.ts";

// Whether the GDS watcher (npm run gds:watch) is acting, read from the chain alone: the newest
// settlement a GDS account made with one of the watcher's calls, and what is waiting for it now.

const GDS_ROLE = accessRoles[1].id;
/** Settlements looked at, newest first. */
const RECENT = 20;
const settledHistory = recentHistory(["JobSettled"], RECENT);

export type AutomaticCall = "reportFailure" | "settleAbort" | "cancelJob" | "settleJudgement";

export interface WatcherAction {
  call: AutomaticCall;
  jobId: JobId;
  blockNumber: bigint;
  hash: Hash;
  from: Address;
}

export interface WaitingWork {
  /** Timed-out participants not reported, aborts not settled, expired orders not cancelled, judgements past their deadline. */
  count: number;
  /** How many blocks the oldest of them has been actionable (0 when none). */
  oldestBlocks: bigint;
}

/** What the watcher would act on now, and since when it could have (docs/rules.md §4–§6 deadlines). */
export function waitingWork(
  jobs: readonly JobView[],
  progress: ReadonlyMap<JobId, readonly ParticipantView[]> | undefined,
  block: bigint,
): WaitingWork {
  let count = 0;
  let oldest = 0n;
  const since = (from: bigint) => {
    count++;
    if (block - from > oldest) oldest = block - from;
  };
  for (const job of jobs) {
    if (job.state === JobState.Ordered) {
      const expiresAt = job.orderedAt + BigInt(job.params.orderExpiryBlocks);
      if (block >= expiresAt) since(expiresAt);
    } else if (job.state === JobState.Aborting) {
      since(job.abortedAt);
    } else if (job.state === JobState.Judged) {
      // docs/rules.md §11.7: unchallenged once the window ended, settled as upheld.
      if (block >= job.challengeDeadline) since(job.challengeDeadline);
    } else if (job.state === JobState.Challenged) {
      // Unruled once the arbitration deadline passed, settled as overturned.
      if (block >= job.arbitrationDeadline) since(job.arbitrationDeadline);
    } else if (job.state === JobState.Dispatched) {
      for (const p of progress?.get(job.id) ?? []) {
        // Timed out from the first block past lastSeen + timeoutBlocks.
        if (p.timedOut) since(p.lastSeen + BigInt(job.params.timeoutBlocks) + 1n);
      }
    }
  }
  return { count, oldestBlocks: oldest };
}

/** The watcher's call in a transaction, if the input is one (a reportFailure must be a timeout). */
export function automaticCallOf(input: Hex): AutomaticCall | undefined {
  try {
    const { functionName, args } = decodeFunctionData({ abi: jobMarket.abi, data: input });
    if (functionName === "settleAbort" || functionName === "cancelJob" || functionName === "settleJudgement")
      return functionName;
    if (functionName === "reportFailure" && args[2] === FailureReason.HeartbeatTimeout) return functionName;
  } catch {
    // Not a market call (a contract calling the market): not the watcher's.
  }
  return undefined;
}

export function useWatcherActivity() {
  const config = useConfig();
  const block = useLatestBlock();
  const { logs, isLoading } = useMarketLogs({ request: settledHistory });
  const recent = useMemo(() => (logs ?? []).slice(-RECENT).reverse(), [logs]);

  const last = useQuery({
    queryKey: ["watcherActivity", jobMarket.address, recent.map((l) => l.transactionHash)],
    enabled: recent.length > 0,
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<WatcherAction | null> => {
      const client = getPublicClient(config);
      if (!client) throw new Error("No connection to the chain.");
      const isGds = new Map<Address, boolean>();
      for (const log of recent) {
        const tx = await client.getTransaction({ hash: log.transactionHash });
        const call = automaticCallOf(tx.input);
        if (!call) continue;
        if (!isGds.has(tx.from)) {
          isGds.set(
            tx.from,
            await readContract(config, {
              address: jobMarket.address,
              abi: jobMarket.abi,
              functionName: "hasRole",
              args: [GDS_ROLE, tx.from],
            }),
          );
        }
        if (!isGds.get(tx.from)) continue;
        return {
          call,
          jobId: (log.args as { id: JobId }).id,
          blockNumber: log.blockNumber,
          hash: log.transactionHash,
          from: tx.from,
        };
      }
      return null;
    },
  });

  const jobs = useReadAllJobs().data;
  const dispatchedIds = useMemo(
    () => (jobs ?? []).filter((j) => j.state === JobState.Dispatched).map((j) => j.id as JobId),
    [jobs],
  );
  const progress = useReadProgresses(dispatchedIds).data;
  const waiting = useMemo(
    () => (jobs && block !== undefined ? waitingWork(jobs, progress, block) : undefined),
    [jobs, progress, block],
  );

  return {
    /** The newest automatic action on chain; null when there is none among the recent settlements. */
    lastAction: recent.length === 0 && !isLoading ? null : last.data,
    waiting,
    block,
    isLoading: isLoading || last.isLoading,
  };
}
