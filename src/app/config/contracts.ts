import { jobMarketAbi, jobMarketLensAbi } from "../../protocol/generated/abis.ts";
import { appConfig } from "./appConfig.ts";

/** The JobMarket proxy of the configured chain, with its full ABI (errors and events included). */
export const jobMarket = {
  address: appConfig.jobMarketAddress,
  abi: jobMarketAbi,
  /** First block worth scanning for the market's events. */
  deployBlock: appConfig.deployBlock,
} as const;

/** The read-only bulk view contract. */
export const jobMarketLens = {
  address: appConfig.jobMarketLensAddress,
  abi: jobMarketLensAbi,
} as const;

/** False when no deployment is configured: pages show a hint instead of failing reads. */
export const isMarketConfigured = appConfig.deployed;
