import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import type { IndexedLists } from "../indexer/lists.ts";

/**
 * A page's lists from the indexer (indexer/lists.ts), read at the chain's latest block (viem's cached
 * block number, which the app's block watch keeps fresh: no request of its own). A "chainState"
 * query: a new block refreshes it as it does the live views (useRefreshOnNewBlock), so an order
 * placed or a job settled moves between the lists; the page shown stays on screen while another page
 * is read. `key` names the read (the page, its account and its windows).
 */
export function useReadIndexerLists<T>(
  key: readonly unknown[],
  read: (head: bigint) => Promise<IndexedLists<T>>,
  enabled: boolean,
) {
  const config = useConfig();
  return useQuery({
    queryKey: ["chainState", "indexerLists", ...key],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const client = getPublicClient(config);
      if (!client) throw new Error("No connection to the chain.");
      return read(await client.getBlockNumber());
    },
  });
}
