import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useConfig } from "wagmi";
import { getPublicClient, readContract } from "wagmi/actions";
import { jobMarket } from "../config/contracts.ts";
import { jobIdsIn, mergeJobs } from "../lib/jobIndex.ts";
import { fetchLogsForward } from "../lib/marketLogs.ts";
import type { JobView } from "../lib/views.ts";
import { pagesNewestFirst, readJobsPage } from "./readLens.ts";
import { useLatestBlock } from "./useLatestBlock.ts";

interface JobIndex {
  jobs: JobView[];
  /** The views reflect every event up to this block. */
  toBlock: bigint;
  complete: boolean;
}

const queryKey = ["jobIndex", jobMarket.address] as const;
// One extension at a time across every component that shows jobs.
let extending = false;

/**
 * Every job of the market, in order of placement. Read once through the lens (newest page first,
 * shown as soon as it arrives), then kept current from the events of each new block: only the jobs
 * an event touched are read again, so a busy chain does not make the app re-read a thousand jobs.
 */
export function useReadAllJobs(enabled = true) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey,
    enabled,
    staleTime: Infinity,
    queryFn: async (): Promise<JobIndex> => {
      const client = getPublicClient(config);
      if (!client) throw new Error("No connection to the chain.");
      const toBlock = await client.getBlockNumber({ cacheTime: 0 });
      const count = Number(
        await readContract(config, {
          address: jobMarket.address,
          abi: jobMarket.abi,
          functionName: "jobCount",
        }),
      );
      const windows = pagesNewestFirst(count);
      const pages: JobView[][] = [];
      for (const [i, { offset, limit }] of windows.entries()) {
        pages.unshift([...(await readJobsPage(config, offset, limit))]);
        // The newest jobs first: the tables are usable before the older pages arrive.
        if (i < windows.length - 1)
          queryClient.setQueryData<JobIndex>(queryKey, { jobs: pages.flat(), toBlock, complete: false });
      }
      return { jobs: pages.flat(), toBlock, complete: true };
    },
  });

  const block = useLatestBlock();
  const cached = query.data;
  useEffect(() => {
    if (!cached?.complete || block === undefined || block <= cached.toBlock || extending) return;
    const client = getPublicClient(config);
    if (!client) return;
    extending = true;
    const from = cached.toBlock + 1n;
    fetchLogsForward(client, jobMarket.address, [], from, block)
      .then(async (logs) => {
        const ids = jobIdsIn(logs);
        const fresh = await Promise.all(
          ids.map((id) =>
            readContract(config, {
              address: jobMarket.address,
              abi: jobMarket.abi,
              functionName: "getJob",
              args: [id],
            }),
          ),
        );
        queryClient.setQueryData<JobIndex>(queryKey, (old) =>
          old && old.toBlock < block
            ? { jobs: mergeJobs(old.jobs, fresh), toBlock: block, complete: true }
            : old,
        );
      })
      .catch(() => undefined) // the next block retries from the same place
      .finally(() => {
        extending = false;
      });
  }, [block, cached, config, queryClient]);

  return {
    data: cached?.jobs,
    isLoading: query.isLoading,
    error: query.error,
    complete: cached?.complete ?? false,
  };
}
