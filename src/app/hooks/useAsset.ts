import { createContext, useContext } from "react";
import { nativeAsset, type PaymentAsset } from "../../protocol/asset.ts";
import { appConfig } from "../config/appConfig.ts";

/**
 * The market's payment asset for every amount on screen (docs/rules.md §12). AssetProvider fills it from
 * the chain (useReadAsset); without a provider (component tests) it is what the build knows.
 */
export const AssetContext = createContext<PaymentAsset>(
  appConfig.asset ?? nativeAsset(appConfig.nativeSymbol),
);

/** The asset amounts are in: its decimals and symbol, its token address, whether it takes permits. */
export function useAsset(): PaymentAsset {
  return useContext(AssetContext);
}
