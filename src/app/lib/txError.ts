import {
  BaseError,
  ContractFunctionRevertedError,
  HttpRequestError,
  InsufficientFundsError,
  TimeoutError,
  UserRejectedRequestError,
} from "viem";
import type { AmountUnit } from "../../protocol/asset.ts";
import { wordsForError } from "../../protocol/errorWords.ts";

export type TxErrorKind = "rejected" | "reverted" | "failed";

export interface TxErrorDescription {
  kind: TxErrorKind;
  message: string;
}

export const REJECTED_MESSAGE = "You rejected the signature; nothing was sent.";
export const UNREACHABLE_MESSAGE =
  "The chain's node cannot be reached; nothing was sent. Try again when it is back.";

function isUserRejection(error: unknown): boolean {
  if (error instanceof BaseError && error.walk((e) => e instanceof UserRejectedRequestError)) return true;
  // Some wallets throw a plain EIP-1193 error object with code 4001.
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 4001;
}

/**
 * One sentence for whatever a simulation, a signature request or a transaction threw; amounts in
 * `unit`, the market's asset.
 */
export function describeTxError(error: unknown, unit: AmountUnit): TxErrorDescription {
  if (isUserRejection(error)) return { kind: "rejected", message: REJECTED_MESSAGE };
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      if (revert.data?.errorName) {
        return {
          kind: "reverted",
          message: wordsForError(revert.data.errorName, revert.data.args ?? [], unit),
        };
      }
      if (revert.reason) return { kind: "reverted", message: `The contract refused: ${revert.reason}.` };
      return { kind: "reverted", message: "The contract refused the transaction without saying why." };
    }
    if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) {
      return { kind: "failed", message: UNREACHABLE_MESSAGE };
    }
    if (error.walk((e) => e instanceof InsufficientFundsError)) {
      return { kind: "failed", message: "Your account does not hold enough to pay for this and its gas." };
    }
    return { kind: "failed", message: error.shortMessage };
  }
  return { kind: "failed", message: error instanceof Error ? error.message : String(error) };
}
