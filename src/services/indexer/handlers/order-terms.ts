// The order's terms JobOrdered does not carry (the DO prices, the factor, the MPC count, the epochs),
// read from the placeOrder call in the event's own transaction: no extra RPC request. An order sent
// through another contract (a multisig GDS) has other calldata; its terms stay unknown (null).
import { type Address, decodeFunctionData, type Hex, isAddressEqual } from "viem";
import { jobMarketAbi } from "../abi.ts";

export interface OrderTerms {
  doPrices: bigint[];
  modelComplexityFactor: number;
  mpcCount: number;
  totalEpochs: number;
}

export function orderTermsOf(
  transaction: { to: Address | null; input: Hex },
  market: Address,
  id: Hex,
): OrderTerms | undefined {
  if (!transaction.to || !isAddressEqual(transaction.to, market)) return undefined;
  let call;
  try {
    call = decodeFunctionData({ abi: jobMarketAbi, data: transaction.input });
  } catch {
    return undefined;
  }
  if (call.functionName !== "placeOrder") return undefined;
  const [callId, , , , doPrices, modelComplexityFactor, mpcCount, totalEpochs] = call.args;
  if (callId.toLowerCase() !== id.toLowerCase()) return undefined;
  return { doPrices: [...doPrices], modelComplexityFactor, mpcCount, totalEpochs };
}
