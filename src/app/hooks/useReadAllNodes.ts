import { useQuery } from "@tanstack/react-query";
import { type Config, useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { jobMarket } from "../config/contracts.ts";
import type { NodeView } from "../../protocol/views.ts";
import { startEarlyRead, takeEarlyRead } from "./earlyRead.ts";
import { pagesNewestFirst, readNodesPage } from "./readLens.ts";

const queryKey = ["lens", "nodes", jobMarket.address] as const;
const earlyKey = JSON.stringify(queryKey);

async function readAllNodes(config: Config): Promise<NodeView[]> {
  const count = await readContract(config, {
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "nodeCount",
  });
  const pages = await Promise.all(
    pagesNewestFirst(Number(count)).map((p) => readNodesPage(config, p.offset, p.limit)),
  );
  return pages.reverse().flat();
}

/** Starts reading every node before the page that shows them renders (see earlyRead.ts). */
export function prefetchAllNodes(config: Config): void {
  startEarlyRead(earlyKey, () => readAllNodes(config));
}

/** Every registered node with its role, balances and last heartbeat, read through the lens. */
export function useReadAllNodes(enabled = true) {
  const config = useConfig();
  return useQuery({
    queryKey,
    enabled,
    placeholderData: (previous) => previous,
    queryFn: () => takeEarlyRead<NodeView[]>(earlyKey) ?? readAllNodes(config),
  });
}
