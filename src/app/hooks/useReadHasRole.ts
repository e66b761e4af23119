import type { Address, Hex } from "viem";
import { useReadContract } from "wagmi";
import { jobMarket } from "../config/contracts.ts";

/** Whether `account` holds the AccessControl role `role` on the market. */
export function useReadHasRole(role: Hex, account: Address | undefined) {
  return useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "hasRole",
    args: account ? [role, account] : undefined,
    query: { enabled: Boolean(account) },
  });
}
