import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { jobMarket } from "../config/contracts.ts";
import type { NodeView } from "../lib/views.ts";
import { pagesNewestFirst, readNodesPage } from "./readLens.ts";

/** Every registered node with its role, balances and last heartbeat, read through the lens. */
export function useReadAllNodes(enabled = true) {
  const config = useConfig();
  return useQuery({
    queryKey: ["lens", "nodes", jobMarket.address],
    enabled,
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<NodeView[]> => {
      const count = await readContract(config, {
        address: jobMarket.address,
        abi: jobMarket.abi,
        functionName: "nodeCount",
      });
      const pages = await Promise.all(
        pagesNewestFirst(Number(count)).map((p) => readNodesPage(config, p.offset, p.limit)),
      );
      return pages.reverse().flat();
    },
  });
}
