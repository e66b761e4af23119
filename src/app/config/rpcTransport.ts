import { http, type EIP1193Parameters, type Transport } from "viem";

/**
 * Whether a request is a bulk read: eth_getLogs, or an eth_call to the lens (hundreds of jobs or
 * nodes in one call). Such a call takes tens of ms on the node and its answer is large.
 */
export function isBulkRequest({ method, params }: EIP1193Parameters, lens: string): boolean {
  if (method === "eth_getLogs") return true;
  if (method !== "eth_call") return false;
  const to = (params as readonly [{ to?: string }] | undefined)?.[0]?.to;
  return to !== undefined && to.toLowerCase() === lens.toLowerCase();
}

/**
 * One RPC URL, two lanes. Small reads (block number, single views) are batched: a page's dozens of
 * views go in one HTTP request per tick. Bulk reads each go alone, so that a small read never waits
 * in one HTTP response behind a big one, and so that the node answers the bulk reads in parallel
 * (bench:dashboard measured the dashboard's first fill waiting on batches that mixed the two).
 */
export function twoLaneTransport(url: string, lens: string): Transport {
  const small = http(url, { batch: { wait: 0 } });
  const bulk = http(url);
  return (params) => {
    const smallLane = small(params);
    const bulkLane = bulk(params);
    const request = ((args: EIP1193Parameters, options?: unknown) =>
      (isBulkRequest(args, lens) ? bulkLane : smallLane).request(
        args as never,
        options as never,
      )) as typeof smallLane.request;
    return { ...smallLane, request };
  };
}
