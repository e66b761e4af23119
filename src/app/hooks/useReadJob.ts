import { useReadContract } from "wagmi";
import { jobMarket } from "../config/contracts.ts";
import type { JobId } from "../../protocol/jobId.ts";

/** One job's view (state, type, money, deadlines, snapshotted parameters). */
export function useReadJob(id: JobId | undefined) {
  return useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "getJob",
    args: id ? [id] : undefined,
    query: { enabled: Boolean(id) },
  });
}
