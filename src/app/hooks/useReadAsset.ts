import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { readPaymentAsset } from "../../protocol/readAsset.ts";
import { appConfig } from "../config/appConfig.ts";
import { appChain } from "../config/chain.ts";
import { isMarketConfigured, jobMarket } from "../config/contracts.ts";

/**
 * The market's asset, read once: asset(), then the token's decimals(), symbol() and permit support. The
 * asset cannot change (docs/rules.md §12), so the deployment record's answer is taken as final and the
 * chain is asked only when the build has none. Not a state query: new blocks do not refetch it.
 */
export function useReadAsset() {
  const client = usePublicClient({ chainId: appChain.id });
  return useQuery({
    queryKey: ["asset", jobMarket.address],
    queryFn: () => readPaymentAsset(client!, jobMarket.address, appChain.id, appConfig.nativeSymbol),
    initialData: appConfig.asset ?? undefined,
    staleTime: Infinity,
    enabled: isMarketConfigured && client !== undefined,
  });
}
