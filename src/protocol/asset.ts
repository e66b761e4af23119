// The market's payment asset (docs/rules.md §12): the native coin (asset() is address zero) or one ERC-20
// token for payments and stakes alike. Amounts are bigints in the asset's smallest unit; `decimals` and
// `symbol` say how people read them. Chain reads that find it out are in readAsset.ts.
import { type Address, zeroAddress } from "viem";

/** How amounts of the asset are written: what formatting and parsing need. */
export interface AmountUnit {
  decimals: number;
  symbol: string;
}

export interface PaymentAsset extends AmountUnit {
  /** The token; the zero address for the chain's native coin. */
  address: Address;
  /** Whether the token takes EIP-2612 permits (pay in one signature and one transaction). */
  permit: boolean;
}

export function nativeAsset(symbol = "ETH"): PaymentAsset {
  return { address: zeroAddress, decimals: 18, symbol, permit: false };
}

export function isNativeAsset(asset: Pick<PaymentAsset, "address">): boolean {
  return asset.address === zeroAddress;
}

/** "fdUSD (ERC-20 0x5FbD…, 6 decimals, EIP-2612 permits)" or "ETH (the native coin)", for logs. */
export function describeAsset(asset: PaymentAsset): string {
  if (isNativeAsset(asset)) return `${asset.symbol} (the native coin)`;
  return `${asset.symbol} (ERC-20 ${asset.address}, ${asset.decimals} decimals, ${asset.permit ? "EIP-2612 permits" : "no permits: approve, then pay"})`;
}
