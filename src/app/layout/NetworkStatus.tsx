import { useBlockNumber } from "wagmi";
import { appChain, pollingInterval } from "../config/chain.ts";

/**
 * The configured chain and its live block number (read from the app's RPC, not the wallet).
 * Polled as a query rather than with `watch`: wagmi's block watcher swallows polling errors, and
 * a node that stopped answering must show, or people act on a stale block without knowing.
 */
export function NetworkStatus() {
  const { data: blockNumber, isError } = useBlockNumber({
    chainId: appChain.id,
    query: {
      refetchInterval: pollingInterval,
      refetchIntervalInBackground: true,
      // One quick retry: a single lost poll is not an outage, two in a row are.
      retry: 1,
      retryDelay: 500,
    },
  });
  return (
    <div className="flex items-center gap-2" data-testid="network-status">
      <span className="font-medium text-slate-800">{appChain.name}</span>
      <span className="text-slate-400">#{appChain.id}</span>
      <span title="Latest block" className="font-mono">
        block <span data-testid="block-number">{blockNumber?.toString() ?? "…"}</span>
      </span>
      {isError && (
        <span role="status" className="rounded bg-red-50 px-1 text-red-700">
          RPC unreachable
        </span>
      )}
    </div>
  );
}
