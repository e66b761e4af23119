import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { type Config, useConfig } from "wagmi";
import { getPublicClient, readContract } from "wagmi/actions";
import { jobMarket } from "../config/contracts.ts";
import { jobIdsIn, mergeJobs } from "../lib/jobIndex.ts";
import { fetchLogsForward } from "../lib/marketLogs.ts";
import type { JobView } from "../../protocol/views.ts";
import { startEarlyRead, takeEarlyRead } from "./earlyRead.ts";
import { pagesNewestFirst, readJobsPage } from "./readLens.ts";
import { useLatestBlock } from "./useLatestBlock.ts";

interface JobIndex {
  jobs: JobView[];
  /** The views reflect every event up to this block. */
  toBlock: bigint;
  complete: boolean;
}

const queryKey = ["jobIndex", jobMarket.address] as const;
const earlyKey = JSON.stringify(queryKey);
// One extension at a time across every component that shows jobs.
let extending = false;

/**
 * Every job through the lens. All pages are asked at once (the node answers them in parallel);
 * whenever the pages from the newest one onwards are all in, they are reported as a partial index:
 * the tables are usable before the oldest jobs arrive.
 */
async function readJobIndex(config: Config, onPartial: (index: JobIndex) => void): Promise<JobIndex> {
  const client = getPublicClient(config);
  if (!client) throw new Error("No connection to the chain.");
  // The block first: the views, read after it, reflect at least its events.
  const toBlock = await client.getBlockNumber({ cacheTime: 0 });
  const count = Number(
    await readContract(config, { address: jobMarket.address, abi: jobMarket.abi, functionName: "jobCount" }),
  );
  const windows = pagesNewestFirst(count);
  const pages: (readonly JobView[] | undefined)[] = windows.map(() => undefined);
  const oldestFirst = (n: number) => pages.slice(0, n).reverse().flat() as JobView[];
  let shown = 0;
  await Promise.all(
    windows.map(async ({ offset, limit }, i) => {
      pages[i] = await readJobsPage(config, offset, limit);
      let ready = shown;
      while (ready < pages.length && pages[ready]) ready++;
      if (ready > shown && ready < pages.length) {
        shown = ready;
        onPartial({ jobs: oldestFirst(ready), toBlock, complete: false });
      }
    }),
  );
  return { jobs: oldestFirst(pages.length), toBlock, complete: true };
}

/** Starts reading every job before the page that shows them renders (see earlyRead.ts). */
export function prefetchAllJobs(config: Config): void {
  startEarlyRead<JobIndex, JobIndex>(earlyKey, (onPartial) => readJobIndex(config, onPartial));
}

/**
 * Every job of the market, in order of placement. Read once through the lens (newest page shown
 * as soon as it arrives), then kept current from the events of each new block: only the jobs an
 * event touched are read again, so a busy chain does not make the app re-read a thousand jobs.
 */
export function useReadAllJobs(enabled = true) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey,
    enabled,
    staleTime: Infinity,
    queryFn: (): Promise<JobIndex> => {
      const showPartial = (index: JobIndex) => queryClient.setQueryData<JobIndex>(queryKey, index);
      return takeEarlyRead<JobIndex, JobIndex>(earlyKey, showPartial) ?? readJobIndex(config, showPartial);
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
