import { ConnectButton } from "@rainbow-me/rainbowkit";
import type { ReactNode } from "react";
import { useAccount } from "wagmi";
import { isMarketConfigured } from "../config/contracts.ts";

/** Pages that act for the user need a wallet; they say so instead of showing empty forms. */
export function ConnectGate({ children, what }: { children: ReactNode; what: string }) {
  const { isConnected } = useAccount();
  if (!isMarketConfigured) return <NotDeployed />;
  if (!isConnected) {
    return (
      <div className="flex flex-col items-start gap-3 rounded-lg border border-slate-200 bg-white p-6">
        <p className="text-sm">Connect a wallet to {what}.</p>
        <ConnectButton />
      </div>
    );
  }
  return <>{children}</>;
}

export function NotDeployed() {
  return (
    <p className="rounded border border-amber-300 bg-amber-50 p-4 text-sm">
      No JobMarket deployment is configured for this chain. Start the local chain with <code>npm start</code>,
      or set the VITE_* variables described in the README.
    </p>
  );
}
