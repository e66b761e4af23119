import { useBlockNumber } from "wagmi";
import { appChain } from "../config/chain.ts";

/** The configured chain and its live block number (read from the app's RPC, not the wallet). */
export function NetworkStatus() {
  const { data: blockNumber, isError } = useBlockNumber({ chainId: appChain.id, watch: true });
  return (
    <div className="flex items-center gap-2" data-testid="network-status">
      <span className="font-medium text-slate-800">{appChain.name}</span>
      <span className="text-slate-400">#{appChain.id}</span>
      <span title="Latest block" className="font-mono">
        {isError ? (
          <span className="text-red-600">RPC unreachable</span>
        ) : (
          <>
            block <span data-testid="block-number">{blockNumber?.toString() ?? "…"}</span>
          </>
        )}
      </span>
    </div>
  );
}
