import { type Parsed, parseAmount } from "../../protocol/units.ts";
import { useAsset } from "./useAsset.ts";

/** `text` as typed in an AmountInput, in the asset's smallest unit (its own decimals, never assumed 18). */
export function useParseAmount(text: string, options: { allowZero?: boolean } = {}): Parsed<bigint> {
  return parseAmount(text, useAsset().decimals, options);
}
