// `--trace`: what the page asked the chain while the dashboard opened, in order, with when each HTTP
// request started and ended (ms since navigation start). For finding what the milestones wait on.
import type { Page, Request } from "@playwright/test";
import { type Address, decodeFunctionData, type Hex } from "viem";
import { jobMarketAbi, jobMarketLensAbi } from "../../../src/protocol/generated/abis.ts";

interface RpcCall {
  method: string;
  params?: { to?: Address; data?: Hex }[];
}

interface Traced {
  request: Request;
  calls: string[];
}

function describeCall(call: RpcCall): string {
  if (call.method !== "eth_call" || !call.params?.[0]?.data) return call.method;
  for (const abi of [jobMarketAbi, jobMarketLensAbi]) {
    try {
      return `eth_call ${decodeFunctionData({ abi, data: call.params[0].data }).functionName}`;
    } catch {
      // not this contract's function
    }
  }
  return "eth_call ?";
}

/** Starts recording the page's JSON-RPC requests to `rpcUrl`; the returned function prints them. */
export function traceRpc(page: Page, rpcUrl: string): () => Promise<string> {
  const traced: Traced[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(rpcUrl) || request.method() !== "POST") return;
    const body = JSON.parse(request.postData() ?? "null") as RpcCall | RpcCall[] | null;
    const calls = (Array.isArray(body) ? body : body ? [body] : []).map(describeCall);
    traced.push({ request, calls });
  });
  return async () => {
    const origin = await page.evaluate(() => performance.timeOrigin);
    const lines = traced.map(({ request, calls }) => {
      const timing = request.timing();
      const start = timing.startTime - origin;
      const end = timing.responseEnd >= 0 ? start + timing.responseEnd : NaN;
      const grouped = new Map<string, number>();
      for (const c of calls) grouped.set(c, (grouped.get(c) ?? 0) + 1);
      const what = [...grouped].map(([c, n]) => (n > 1 ? `${n}× ${c}` : c)).join(", ");
      return `  ${String(Math.round(start)).padStart(6)} → ${String(Math.round(end)).padStart(6)} ms  ${what}`;
    });
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => e.name.endsWith(".js"))
        .map((e) => ({ name: e.name.replace(/^.*\//, ""), start: e.startTime, end: e.responseEnd })),
    );
    for (const s of scripts)
      lines.push(
        `  ${String(Math.round(s.start)).padStart(6)} → ${String(Math.round(s.end)).padStart(6)} ms  ${s.name}`,
      );
    return lines.sort((a, b) => Number(a.slice(0, 8)) - Number(b.slice(0, 8))).join("\n");
  };
}
