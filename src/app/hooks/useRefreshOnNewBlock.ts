import { useQueryClient, type Query } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useLatestBlock } from "./useLatestBlock.ts";

/** Queries holding contract state: refetched when a block arrives. Log caches extend themselves instead. */
export const STATE_QUERY_ROOTS = new Set(["readContract", "readContracts", "lens", "chainState"]);

export function isStateQuery(query: Pick<Query, "queryKey">): boolean {
  return STATE_QUERY_ROOTS.has(String(query.queryKey[0]));
}

/** At most one refresh of the views per this many ms, however fast blocks come. */
export const REFRESH_INTERVAL_MS = 1_000;

/**
 * Keeps the page's contract views in step with the chain: a new block refetches the views on
 * screen (only active queries), so no page polls each view on its own and a quiet chain costs
 * nothing. A busy chain refreshes at most once a second, always ending on the latest block.
 * Returns the block number for pages that show ages.
 */
export function useRefreshOnNewBlock(): bigint | undefined {
  const block = useLatestBlock();
  const queryClient = useQueryClient();
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (block === undefined) return;
    const refresh = () => {
      timer.current = undefined;
      last.current = Date.now();
      void queryClient.invalidateQueries({ predicate: isStateQuery });
    };
    const wait = last.current + REFRESH_INTERVAL_MS - Date.now();
    if (wait <= 0) refresh();
    else timer.current ??= setTimeout(refresh, wait);
  }, [block, queryClient]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return block;
}
