import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import { type Config, useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { jobMarket } from "../config/contracts.ts";
import { fetchLogsForward, fetchRecentLogs, logKey, type MarketLog, type Topics } from "../lib/marketLogs.ts";
import { startEarlyRead, takeEarlyRead } from "./earlyRead.ts";
import { useLatestBlock } from "./useLatestBlock.ts";

interface Options {
  topics: Topics;
  /** First block worth reading, e.g. a job's orderedAt; defaults to the deployment block. */
  fromBlock?: bigint;
  /** Read only the newest `recent` logs (a feed), instead of the whole history. */
  recent?: number;
  enabled?: boolean;
}

interface LogCache {
  logs: MarketLog[];
  toBlock: bigint;
}

function logsQueryKey(topics: Topics, fromBlock: bigint, recent: number | undefined) {
  return ["marketLogs", jobMarket.address, topics, fromBlock.toString(), recent ?? "all"] as const;
}

async function readLogs(
  config: Config,
  topics: Topics,
  fromBlock: bigint,
  recent: number | undefined,
): Promise<LogCache> {
  const client = getPublicClient(config);
  if (!client) throw new Error("No connection to the chain.");
  const toBlock = await client.getBlockNumber({ cacheTime: 0 });
  const logs = recent
    ? await fetchRecentLogs(client, jobMarket.address, topics, fromBlock, toBlock, recent)
    : await fetchLogsForward(client, jobMarket.address, topics, fromBlock, toBlock);
  return { logs, toBlock };
}

/** Starts the first read of `useMarketLogs(options)` before the page that shows it renders (see earlyRead.ts). */
export function prefetchMarketLogs(
  config: Config,
  { topics, fromBlock = jobMarket.deployBlock, recent }: Omit<Options, "enabled">,
): void {
  startEarlyRead(JSON.stringify(logsQueryKey(topics, fromBlock, recent)), () =>
    readLogs(config, topics, fromBlock, recent),
  );
}

/**
 * The market's logs matching `topics`, oldest first: read once from `fromBlock` in bounded pages,
 * then extended block by block as the chain grows (no page rescans the history). The extension
 * runs on each new block number, which is polled every 250 ms on the local chain, so a new event
 * shows within a second of its block.
 */
export function useMarketLogs({
  topics,
  fromBlock = jobMarket.deployBlock,
  recent,
  enabled = true,
}: Options) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => logsQueryKey(topics, fromBlock, recent), [topics, fromBlock, recent]);
  const query = useQuery({
    queryKey,
    enabled,
    staleTime: Infinity,
    queryFn: () =>
      takeEarlyRead<LogCache>(JSON.stringify(queryKey)) ?? readLogs(config, topics, fromBlock, recent),
  });

  const block = useLatestBlock();
  const extending = useRef(false);
  const cachedTo = query.data?.toBlock;
  useEffect(() => {
    if (block === undefined || cachedTo === undefined || block <= cachedTo || extending.current) return;
    const client = getPublicClient(config);
    if (!client) return;
    extending.current = true;
    fetchLogsForward(client, jobMarket.address, topics, cachedTo + 1n, block)
      .then((fresh) =>
        queryClient.setQueryData<LogCache>(queryKey, (old) => {
          if (!old || old.toBlock >= block) return old;
          const seen = new Set(old.logs.map(logKey));
          const merged = [...old.logs, ...fresh.filter((log) => !seen.has(logKey(log)))];
          // A feed keeps a bounded window; histories keep everything they were asked for.
          return { logs: recent ? merged.slice(-Math.max(recent, 500)) : merged, toBlock: block };
        }),
      )
      .catch(() => undefined) // the next block retries
      .finally(() => {
        extending.current = false;
      });
  }, [block, cachedTo, config, queryClient, queryKey, topics, recent]);

  return { logs: query.data?.logs, isLoading: query.isLoading, error: query.error, toBlock: cachedTo };
}
