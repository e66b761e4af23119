import { useAccount } from "wagmi";
import { findDevAccount } from "../../protocol/devAccounts.ts";
import { sameAddress, shortAddress } from "../../protocol/address.ts";

/** An address, short, with the full one on hover, its demo label if any, and "you" for the user. */
export function AddressText({ address }: { address: string }) {
  const { address: me } = useAccount();
  const label = findDevAccount(address)?.label;
  return (
    <span className="font-mono text-xs whitespace-nowrap" title={address}>
      {shortAddress(address)}
      {label && <span className="ml-1 font-sans text-slate-500">({label})</span>}
      {sameAddress(address, me) && <span className="ml-1 font-sans font-semibold text-teal-700">you</span>}
    </span>
  );
}
