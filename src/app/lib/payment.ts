// Which market calls take money in, and how much (docs/rules.md §12): the write path pays these in the
// market's asset, as msg.value on the native coin, by permit or approve-then-pull on a token.
import type { MarketCall, WriteName } from "../hooks/useRunTransaction.ts";

/** The money-in functions, the index of their amount argument, and their one-signature variant. */
export const PAYING = {
  registerNode: { amountArg: 1, withPermit: "registerNodeWithPermit" },
  deposit: { amountArg: 0, withPermit: "depositWithPermit" },
  submitQuery: { amountArg: 1, withPermit: "submitQueryWithPermit" },
} as const satisfies Record<string, { amountArg: number; withPermit: WriteName }>;

export type PayingName = keyof typeof PAYING;

export function isPayingCall(
  call: Pick<MarketCall, "functionName">,
): call is MarketCall & { functionName: PayingName } {
  return call.functionName in PAYING;
}

/** What `call` pays into the market, or undefined when it pays nothing. */
export function paymentOf(call: MarketCall): bigint | undefined {
  if (!isPayingCall(call)) return undefined;
  return call.args[PAYING[call.functionName].amountArg] as bigint;
}

/** The same payment through the permit variant: the call's arguments, then deadline, v, r, s. */
export function withPermit(
  call: MarketCall & { functionName: PayingName },
  permit: { deadline: bigint; v: number; r: `0x${string}`; s: `0x${string}` },
): MarketCall {
  return {
    functionName: PAYING[call.functionName].withPermit,
    args: [...call.args, permit.deadline, permit.v, permit.r, permit.s],
  };
}
