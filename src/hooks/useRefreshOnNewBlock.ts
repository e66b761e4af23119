import { useQueryClient, type Query } from "@tanstack/react-query";
import { useEffect } from "react";
import { useLatestBlock } from "./useLatestBlock.ts";

/** Queries holding contract state: refetched when a block arrives. Log caches extend themselves instead. */
export const STATE_QUERY_ROOTS = new Set(["readContract", "readContracts", "lens", "chainState"]);

export function isStateQuery(query: Pick<Query, "queryKey">): boolean {
  return STATE_QUERY_ROOTS.has(String(query.queryKey[0]));
}

/**
 * Keeps the page's contract views in step with the chain: each new block refetches the views on
 * screen (only active queries), so no page polls each view on its own and a quiet chain costs nothing.
 * Returns the block number for pages that show ages.
 */
export function useRefreshOnNewBlock(): bigint | undefined {
  const block = useLatestBlock();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (block === undefined) return;
    void queryClient.invalidateQueries({ predicate: isStateQuery });
  }, [block, queryClient]);
  return block;
}
