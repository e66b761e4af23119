import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { isNativeAsset } from "../../protocol/asset.ts";
import { tokenAbi } from "../../protocol/tokenAbi.ts";
import { appChain } from "../config/chain.ts";
import { jobMarket } from "../config/contracts.ts";
import { useAsset } from "./useAsset.ts";

export interface WalletFunds {
  /** What the wallet itself holds of the asset (not what FedPay holds for it). */
  held: bigint;
  /** How much FedPay may pull from it now (tokens only; undefined on the native coin). */
  allowed: bigint | undefined;
}

/**
 * The account's own holding of the market's asset and its allowance to the market: a "chainState" query,
 * so every new block refreshes it (useRefreshOnNewBlock) like the market's views.
 */
export function useReadWalletFunds(account: Address | undefined) {
  const asset = useAsset();
  const client = usePublicClient({ chainId: appChain.id });
  return useQuery({
    queryKey: ["chainState", "walletFunds", asset.address, account],
    enabled: account !== undefined && client !== undefined,
    queryFn: async (): Promise<WalletFunds> => {
      if (isNativeAsset(asset))
        return { held: await client!.getBalance({ address: account! }), allowed: undefined };
      const token = { address: asset.address, abi: tokenAbi } as const;
      const [held, allowed] = await Promise.all([
        client!.readContract({ ...token, functionName: "balanceOf", args: [account!] }),
        client!.readContract({ ...token, functionName: "allowance", args: [account!, jobMarket.address] }),
      ]);
      return { held, allowed };
    },
  });
}
