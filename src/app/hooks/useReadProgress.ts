import { useReadContract } from "wagmi";
import { jobMarket } from "../config/contracts.ts";
import type { JobId } from "../../protocol/jobId.ts";

/** A job's participants (DOs, then current MPCs) with fee, last status, liveness and flags. */
export function useReadProgress(id: JobId | undefined) {
  return useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "getProgress",
    args: id ? [id] : undefined,
    query: { enabled: Boolean(id) },
  });
}
