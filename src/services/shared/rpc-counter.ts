// A fetch that counts what goes over the wire: HTTP requests and the JSON-RPC calls inside them
// (a batch is one request carrying many calls). The watcher prints it; the benchmark measures with it.
export interface RpcCounts {
  httpRequests: number;
  rpcCalls: number;
  byMethod: Record<string, number>;
}

export interface RpcCounter {
  fetchFn: typeof fetch;
  counts(): RpcCounts;
  /** Counts since `earlier` (a value counts() returned). */
  since(earlier: RpcCounts): RpcCounts;
}

export function createRpcCounter(inner: typeof fetch = fetch): RpcCounter {
  const total: RpcCounts = { httpRequests: 0, rpcCalls: 0, byMethod: {} };
  const fetchFn: typeof fetch = (input, init) => {
    total.httpRequests++;
    if (typeof init?.body === "string") {
      try {
        const body = JSON.parse(init.body) as { method?: string } | { method?: string }[];
        for (const call of Array.isArray(body) ? body : [body]) {
          total.rpcCalls++;
          const method = call.method ?? "?";
          total.byMethod[method] = (total.byMethod[method] ?? 0) + 1;
        }
      } catch {
        // Not JSON-RPC: counted as a request only.
      }
    }
    return inner(input, init);
  };
  const copy = (c: RpcCounts): RpcCounts => ({ ...c, byMethod: { ...c.byMethod } });
  return {
    fetchFn,
    counts: () => copy(total),
    since(earlier) {
      const byMethod: Record<string, number> = {};
      for (const [method, n] of Object.entries(total.byMethod)) {
        const delta = n - (earlier.byMethod[method] ?? 0);
        if (delta > 0) byMethod[method] = delta;
      }
      return {
        httpRequests: total.httpRequests - earlier.httpRequests,
        rpcCalls: total.rpcCalls - earlier.rpcCalls,
        byMethod,
      };
    },
  };
}
