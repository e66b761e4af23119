import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { jobMarket } from "../config/contracts.ts";
import type { JobId } from "../../protocol/jobId.ts";
import type { JobView } from "../../protocol/views.ts";

/**
 * The live views of these jobs, in the order given. The getJob calls go out together, so the
 * transport sends them as one batched HTTP request; a "chainState" query, so a new block refreshes it
 * (useRefreshOnNewBlock). For the lists whose ids a history gives (a QC's, a node's jobs).
 */
export function useReadJobsById(ids: readonly JobId[] | undefined) {
  const config = useConfig();
  return useQuery({
    queryKey: ["chainState", "jobsById", jobMarket.address, ids],
    enabled: ids !== undefined,
    placeholderData: keepPreviousData,
    queryFn: (): Promise<JobView[]> =>
      Promise.all(
        (ids ?? []).map((id) =>
          readContract(config, {
            address: jobMarket.address,
            abi: jobMarket.abi,
            functionName: "getJob",
            args: [id],
          }),
        ),
      ),
  });
}
