import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import { type Config, useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { appConfig } from "../config/appConfig.ts";
import { jobMarket } from "../config/contracts.ts";
import { type History, type HistoryRequest, readHistory } from "../indexer/history.ts";
import { fetchLogsForward, logKey } from "../lib/marketLogs.ts";
import { startEarlyRead, takeEarlyRead } from "./earlyRead.ts";
import { useLatestBlock } from "./useLatestBlock.ts";

interface Options {
  /** The history to show (indexer/historyRequests.ts). */
  request: HistoryRequest;
  enabled?: boolean;
}

function logsQueryKey({ topics, where, fromBlock, toBlock, recent }: HistoryRequest) {
  return [
    "marketLogs",
    jobMarket.address,
    topics,
    where,
    String(fromBlock ?? jobMarket.deployBlock),
    String(toBlock ?? "head"),
    recent ?? "all",
  ] as const;
}

function readLogs(config: Config, request: HistoryRequest): Promise<History> {
  const client = getPublicClient(config);
  if (!client) throw new Error("No connection to the chain.");
  return readHistory(
    {
      client,
      market: jobMarket.address,
      deployBlock: jobMarket.deployBlock,
      indexerUrl: appConfig.indexerUrl,
    },
    request,
  );
}

/** Starts the first read of `useMarketLogs(options)` before the page that shows it renders (see earlyRead.ts). */
export function prefetchMarketLogs(config: Config, request: HistoryRequest): void {
  startEarlyRead(JSON.stringify(logsQueryKey(request)), () => readLogs(config, request));
}

/**
 * The market's logs of `request`, oldest first: read once (from the indexer when there is one, else
 * from the chain in bounded pages), then extended block by block from the chain as it grows (no page
 * rescans the history). The extension runs on each new block number, which is polled every 250 ms on
 * the local chain, so a new event shows within a second of its block. `source` says where the history
 * came from.
 */
export function useMarketLogs({ request, enabled = true }: Options) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => logsQueryKey(request), [request]);
  const query = useQuery({
    queryKey,
    enabled,
    staleTime: Infinity,
    queryFn: () => takeEarlyRead<History>(JSON.stringify(queryKey)) ?? readLogs(config, request),
  });

  const block = useLatestBlock();
  const extending = useRef(false);
  const cachedTo = query.data?.toBlock;
  const { topics, recent, toBlock: lastBlock } = request;
  useEffect(() => {
    if (block === undefined || cachedTo === undefined || block <= cachedTo || extending.current) return;
    // A settled job's history is complete: nothing after its settlement block is its.
    if (lastBlock !== undefined && cachedTo >= lastBlock) return;
    const client = getPublicClient(config);
    if (!client) return;
    extending.current = true;
    fetchLogsForward(client, jobMarket.address, topics, cachedTo + 1n, block)
      .then((fresh) =>
        queryClient.setQueryData<History>(queryKey, (old) => {
          if (!old || old.toBlock >= block) return old;
          const seen = new Set(old.logs.map(logKey));
          const merged = [...old.logs, ...fresh.filter((log) => !seen.has(logKey(log)))];
          // A feed keeps a bounded window; histories keep everything they were asked for.
          return { ...old, logs: recent ? merged.slice(-Math.max(recent, 500)) : merged, toBlock: block };
        }),
      )
      .catch(() => undefined) // the next block retries
      .finally(() => {
        extending.current = false;
      });
  }, [block, cachedTo, config, queryClient, queryKey, topics, recent, lastBlock]);

  return {
    logs: query.data?.logs,
    isLoading: query.isLoading,
    error: query.error,
    toBlock: cachedTo,
    source: query.data?.source,
  };
}
