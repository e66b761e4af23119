import type { Config } from "wagmi";
import { readContract } from "wagmi/actions";
import { jobMarket, jobMarketLens } from "../config/contracts.ts";
import type { JobId } from "../../protocol/jobId.ts";
import type { JobView, NodeView, ParticipantView } from "../../protocol/views.ts";

// The lens reads many jobs or nodes of the market in one eth_call (JobMarketLens.sol). Its results
// are the market's own view structs, typed here by the market's ABI.

/** Jobs (or nodes) per lens call: a page decodes in a few ms and stays far below eth_call gas caps. */
export const LENS_PAGE = 200;

function readLens<T>(config: Config, functionName: string, args: readonly unknown[]): Promise<T> {
  return readContract(config, {
    address: jobMarketLens.address,
    abi: jobMarketLens.abi,
    functionName,
    args,
  } as never) as Promise<T>;
}

export function readJobsPage(config: Config, offset: number, limit: number): Promise<readonly JobView[]> {
  return readLens(config, "getJobs", [jobMarket.address, BigInt(offset), BigInt(limit)]);
}

export function readNodesPage(config: Config, offset: number, limit: number): Promise<readonly NodeView[]> {
  return readLens(config, "getNodes", [jobMarket.address, BigInt(offset), BigInt(limit)]);
}

export function readProgresses(
  config: Config,
  ids: readonly JobId[],
): Promise<readonly (readonly ParticipantView[])[]> {
  return readLens(config, "getProgresses", [jobMarket.address, ids]);
}

/** Pages covering `count` entries, newest (last) first, each full but the oldest. */
export function pagesNewestFirst(count: number, size = LENS_PAGE): { offset: number; limit: number }[] {
  const pages: { offset: number; limit: number }[] = [];
  for (let end = count; end > 0; end -= size)
    pages.push({ offset: Math.max(0, end - size), limit: Math.min(size, end) });
  return pages;
}
