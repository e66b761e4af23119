import { useBlockNumber } from "wagmi";

/** The chain's current block number, watched (the app's clock: every deadline is in blocks). */
export function useLatestBlock(): bigint | undefined {
  return useBlockNumber({ watch: true }).data;
}
