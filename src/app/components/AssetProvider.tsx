import type { ReactNode } from "react";
import { nativeAsset } from "../../protocol/asset.ts";
import { appConfig } from "../config/appConfig.ts";
import { isMarketConfigured } from "../config/contracts.ts";
import { AssetContext } from "../hooks/useAsset.ts";
import { useReadAsset } from "../hooks/useReadAsset.ts";

/**
 * Gives every page the market's payment asset. Known from the deployment record, it is there at once;
 * otherwise the app waits for the chain to say it, as an amount in unknown units would be a wrong amount.
 */
export function AssetProvider({ children }: { children: ReactNode }) {
  const { data, error } = useReadAsset();
  if (!isMarketConfigured)
    return (
      <AssetContext.Provider value={nativeAsset(appConfig.nativeSymbol)}>{children}</AssetContext.Provider>
    );
  if (!data)
    return (
      <p role="status" className="p-6 text-sm text-slate-600" data-testid="asset-loading">
        {error
          ? `The market's payment asset cannot be read from the chain: ${error.message.split("\n")[0]}`
          : "Reading the market's payment asset…"}
      </p>
    );
  return <AssetContext.Provider value={data}>{children}</AssetContext.Provider>;
}
