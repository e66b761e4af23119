/// <reference types="vite/client" />

/** Injected by vite.config.ts from VITE_* variables and the deployment record (scripts/lib/app-config.ts). */
declare const __FEDPAY_CONFIG__: {
  chainId: number;
  chainName: string;
  rpcUrl: string;
  nativeSymbol: string;
  explorerUrl: string | null;
  isLocal: boolean;
  devWallet: boolean;
  jobMarketAddress: string;
  jobMarketLensAddress: string;
  deployBlock: string;
  deployed: boolean;
  deploymentSource: string;
};
