import { useAccount, useSwitchChain } from "wagmi";
import { appChain } from "../config/chain.ts";

/** A wallet on another chain gets a switch prompt; the pages keep reading from the app's own chain. */
export function WrongNetworkBanner() {
  const { chainId, isConnected } = useAccount();
  const { switchChain, isPending, error } = useSwitchChain();
  if (!isConnected || chainId === appChain.id) return null;
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-2 text-sm text-amber-900">
        <span>
          Your wallet is on chain {chainId ?? "unknown"}; FedPay runs on {appChain.name} (chain {appChain.id}
          ).
        </span>
        <button
          type="button"
          className="rounded bg-amber-600 px-3 py-1 font-medium text-white disabled:opacity-60"
          disabled={isPending}
          onClick={() => switchChain({ chainId: appChain.id })}
        >
          {isPending ? "Switching…" : `Switch to ${appChain.name}`}
        </button>
        {error && <span className="text-red-700">{error.message.split("\n")[0]}</span>}
      </div>
    </div>
  );
}
