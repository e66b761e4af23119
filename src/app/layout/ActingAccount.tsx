import { useAccount } from "wagmi";
import { findDevAccount } from "../../protocol/devAccounts.ts";
import { DEV_CONNECTOR_TYPE } from "../wallet/devAccountsConnector.ts";
import { DevAccountPicker } from "../wallet/DevAccountPicker.tsx";

/** Who is acting: the full address (with its demo role on the local chain), or a picker for dev accounts. */
export function ActingAccount() {
  const { address, connector, isConnected } = useAccount();
  if (!isConnected || !address) return null;
  if (connector?.type === DEV_CONNECTOR_TYPE)
    return <DevAccountPicker address={address} connector={connector} />;
  const dev = findDevAccount(address);
  return (
    <span className="min-w-0 font-mono break-all" data-testid="connected-address" title={address}>
      {dev && <span className="mr-1 rounded bg-slate-100 px-1 font-sans">{dev.label}</span>}
      {address}
    </span>
  );
}
