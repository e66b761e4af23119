import type { Address } from "viem";
import type { Connector } from "wagmi";
import { devAccounts } from "../../protocol/devAccounts.ts";
import { devAddressesSelectedFirst, storeSelectedDevAccount } from "./devAccountSelection.ts";

/** Lets a person without a wallet extension act as any demo role: switches the dev wallet's account. */
export function DevAccountPicker({ address, connector }: { address: Address; connector: Connector }) {
  const current = devAccounts.find((a) => a.address === address);
  const select = (index: number) => {
    storeSelectedDevAccount(index);
    // The connector reports the new order; wagmi makes its first account the active one.
    connector.emitter.emit("change", { accounts: devAddressesSelectedFirst() });
  };
  return (
    // Wraps on a phone: the select takes the line and the full address goes below it.
    <label className="flex min-w-0 flex-wrap items-center gap-1">
      <span className="whitespace-nowrap">Acting as</span>
      <select
        aria-label="Dev account"
        className="max-w-full min-w-0 rounded border border-slate-300 bg-white px-1 py-0.5"
        value={current?.index ?? ""}
        onChange={(event) => select(Number(event.target.value))}
      >
        {devAccounts.map((a) => (
          <option key={a.index} value={a.index}>
            {a.label} · {a.address.slice(0, 8)}…
          </option>
        ))}
      </select>
      <span className="font-mono break-all" data-testid="connected-address" title={address}>
        {address}
      </span>
    </label>
  );
}
