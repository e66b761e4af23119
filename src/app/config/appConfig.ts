import type { Address } from "viem";

/** The build's chain and deployment, as vite.config.ts resolved them. */
export const appConfig = {
  ...__FEDPAY_CONFIG__,
  jobMarketAddress: __FEDPAY_CONFIG__.jobMarketAddress as Address,
  jobMarketLensAddress: __FEDPAY_CONFIG__.jobMarketLensAddress as Address,
  deployBlock: BigInt(__FEDPAY_CONFIG__.deployBlock),
} as const;
