import { useQuery } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { jobMarket } from "../config/contracts.ts";
import type { JobView } from "../lib/views.ts";
import { LENS_PAGE, pageOffsets, readJobsPage } from "./readLens.ts";

/** Every job of the market, in order of placement, read through the lens a page at a time. */
export function useReadAllJobs(enabled = true) {
  const config = useConfig();
  return useQuery({
    queryKey: ["lens", "jobs", jobMarket.address],
    enabled,
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<JobView[]> => {
      const count = await readContract(config, {
        address: jobMarket.address,
        abi: jobMarket.abi,
        functionName: "jobCount",
      });
      const pages = await Promise.all(
        pageOffsets(Number(count)).map((offset) => readJobsPage(config, offset, LENS_PAGE)),
      );
      return pages.flat();
    },
  });
}
