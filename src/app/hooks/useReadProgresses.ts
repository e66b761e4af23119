import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { jobMarket } from "../config/contracts.ts";
import type { JobId } from "../../protocol/jobId.ts";
import type { ParticipantView } from "../../protocol/views.ts";
import { readProgresses } from "./readLens.ts";

const IDS_PER_CALL = 50;

/** Progress of several jobs at once (a visible table page, or the active jobs), keyed by job id. */
export function useReadProgresses(ids: readonly JobId[]) {
  const config = useConfig();
  return useQuery({
    queryKey: ["lens", "progresses", jobMarket.address, ids],
    enabled: ids.length > 0,
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<Map<JobId, readonly ParticipantView[]>> => {
      const chunks: JobId[][] = [];
      for (let i = 0; i < ids.length; i += IDS_PER_CALL) chunks.push(ids.slice(i, i + IDS_PER_CALL));
      const results = (await Promise.all(chunks.map((chunk) => readProgresses(config, chunk)))).flat();
      return new Map(ids.map((id, i) => [id, results[i] ?? []]));
    },
  });
}
