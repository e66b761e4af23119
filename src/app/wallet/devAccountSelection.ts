import type { Address } from "viem";
import { devAccounts } from "../../protocol/devAccounts.ts";

// Which dev account acts, remembered across reloads. The dev wallet lists the selected account
// first: wagmi treats the first account of a connection as the active one.

const SELECTED_KEY = "fedpay.devWallet.account";
const CONNECTED_KEY = "fedpay.devWallet.connected";
const DEFAULT_INDEX = 1; // the GDS: the role with the most to do in the demo

function storage(): Storage | undefined {
  return typeof localStorage === "undefined" ? undefined : localStorage;
}

export function selectedDevAccountIndex(): number {
  const stored = Number(storage()?.getItem(SELECTED_KEY));
  return Number.isInteger(stored) &&
    stored >= 0 &&
    stored < devAccounts.length &&
    storage()?.getItem(SELECTED_KEY) !== null
    ? stored
    : DEFAULT_INDEX;
}

export function storeSelectedDevAccount(index: number): void {
  if (!devAccounts[index]) throw new Error(`No dev account ${index}`);
  storage()?.setItem(SELECTED_KEY, String(index));
}

/** Every dev address, the selected one first. */
export function devAddressesSelectedFirst(): [Address, ...Address[]] {
  const selected = devAccounts[selectedDevAccountIndex()]!.address;
  return [selected, ...devAccounts.map((a) => a.address).filter((a) => a !== selected)];
}

export function rememberDevWalletConnected(connected: boolean): void {
  if (connected) storage()?.setItem(CONNECTED_KEY, "1");
  else storage()?.removeItem(CONNECTED_KEY);
}

export function wasDevWalletConnected(): boolean {
  return storage()?.getItem(CONNECTED_KEY) === "1";
}
