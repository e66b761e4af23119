import { useReadContract } from "wagmi";
import { jobMarket } from "../config/contracts.ts";

/** The market's current parameters (new jobs snapshot them). */
export function useReadParameters() {
  return useReadContract({ address: jobMarket.address, abi: jobMarket.abi, functionName: "parameters" });
}
