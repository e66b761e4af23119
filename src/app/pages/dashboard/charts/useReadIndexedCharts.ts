import { useQuery } from "@tanstack/react-query";
import { appConfig } from "../../../config/appConfig.ts";
import { jobMarket } from "../../../config/contracts.ts";
import { indexedBlockOf, queryIndexer } from "../../../../protocol/indexer-api/client.ts";
import { DASHBOARD_CHARTS } from "../../../../protocol/indexer-api/documents.ts";

interface DayRow {
  day: number;
  jobsByState: number[];
  escrow: string;
  bonds: string;
  fined: string;
  rewarded: string;
  activeNodes: number;
}

export interface ChartDay {
  day: number;
  jobsByState: number[];
  escrow: bigint;
  bonds: bigint;
  fined: bigint;
  rewarded: bigint;
  activeNodes: number;
}

export interface ChartNode {
  account: string;
  role: number;
  lastHeartbeatBlock: bigint;
  activeJobs: number;
}

/** The dashboard's pictures from the indexer's day rows and nodes; refreshed every few seconds. */
export function useReadIndexedCharts() {
  const url = appConfig.indexerUrl;
  return useQuery({
    queryKey: ["indexerCharts", url, jobMarket.address],
    enabled: url !== null,
    refetchInterval: 5_000,
    queryFn: async () => {
      const data = await queryIndexer<{
        dailyStats: { items: DayRow[] };
        nodes: { items: { account: string; role: number; lastHeartbeatBlock: string; activeJobs: number }[] };
        _meta: { status?: unknown } | null;
      }>(url!, DASHBOARD_CHARTS, { market: jobMarket.address.toLowerCase() });
      const days: ChartDay[] = data.dailyStats.items.map((d) => ({
        day: d.day,
        jobsByState: d.jobsByState,
        escrow: BigInt(d.escrow),
        bonds: BigInt(d.bonds),
        fined: BigInt(d.fined),
        rewarded: BigInt(d.rewarded),
        activeNodes: d.activeNodes,
      }));
      const nodes: ChartNode[] = data.nodes.items.map((n) => ({
        ...n,
        lastHeartbeatBlock: BigInt(n.lastHeartbeatBlock),
      }));
      return { days, nodes, indexedBlock: indexedBlockOf(data._meta) };
    },
  });
}
