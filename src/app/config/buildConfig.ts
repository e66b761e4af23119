// What the build fixes about the chain and the deployment: scripts/lib/app-config.ts resolves it from
// VITE_* variables and the deployment record, vite.config.ts injects it as __FEDPAY_CONFIG__
// (declared in vite-env.d.ts), appConfig.ts reads it.
import type { PaymentAsset } from "../../protocol/asset.ts";

export interface FedPayAppConfig {
  chainId: number;
  chainName: string;
  rpcUrl: string;
  nativeSymbol: string;
  explorerUrl: string | null;
  /** Anvil / Hardhat's chain id: enables the dev-account wallet and fast polling. */
  isLocal: boolean;
  devWallet: boolean;
  jobMarketAddress: string;
  jobMarketLensAddress: string;
  /** Decimal string; the app turns it into a bigint. */
  deployBlock: string;
  /** Whether an address is known at all (a record or VITE_JOB_MARKET_ADDRESS). */
  deployed: boolean;
  deploymentSource: string;
  /** The indexer's base URL (VITE_INDEXER_URL; npm start sets it), or null: then history comes from the chain. */
  indexerUrl: string | null;
  /**
   * The market's payment asset as the deployment record (or VITE_ASSET_ADDRESS = the zero address, for the
   * native coin) says; null when the build does not know it: the app then reads it from the chain.
   */
  asset: PaymentAsset | null;
}
