import { useReadContract } from "wagmi";
import { jobMarket } from "../config/contracts.ts";
import type { JobId } from "../lib/jobId.ts";

/** What cancelJob would cost the QC now, as the contract computes it (0 before dispatch). */
export function useReadCancellationFine(id: JobId | undefined, enabled = true) {
  return useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "cancellationFineOf",
    args: id ? [id] : undefined,
    query: { enabled: Boolean(id) && enabled },
  });
}
