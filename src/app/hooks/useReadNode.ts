import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { jobMarket } from "../config/contracts.ts";

/** An account's registry entry and money: role, free balance, locked collateral, last heartbeat. */
export function useReadNode(account: Address | undefined) {
  return useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "getNode",
    args: account ? [account] : undefined,
    query: { enabled: Boolean(account) },
  });
}
