import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  UserRejectedRequestError,
  encodeErrorResult,
} from "viem";
import { describe, expect, it } from "vitest";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import { REJECTED_MESSAGE, describeTxError } from "./txError.ts";

function revertOf(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: jobMarketAbi, errorName, args } as never);
  const cause = new ContractFunctionRevertedError({ abi: jobMarketAbi, data, functionName: "withdraw" });
  return new ContractFunctionExecutionError(cause, { abi: jobMarketAbi, functionName: "withdraw", args: [] });
}

const ether = { decimals: 18, symbol: "ETH" };

describe("describeTxError", () => {
  it("turns a decoded custom error into its words", () => {
    const error = revertOf("JobMarketInsufficientBalance", [
      "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      1n,
      2n,
    ]);
    expect(describeTxError(error, ether)).toEqual({
      kind: "reverted",
      message:
        "0x7099…79C8 has only 0.000000000000000001 ETH available, less than the 0.000000000000000002 ETH asked for.",
    });
  });

  it("says a rejected signature changed nothing", () => {
    const rejected = new BaseError("wrapped", {
      cause: new UserRejectedRequestError(new Error("User denied")),
    });
    expect(describeTxError(rejected, ether)).toEqual({ kind: "rejected", message: REJECTED_MESSAGE });
    expect(describeTxError({ code: 4001, message: "denied" }, ether)).toEqual({
      kind: "rejected",
      message: REJECTED_MESSAGE,
    });
  });

  it("passes other failures on in short", () => {
    expect(describeTxError(new BaseError("RPC down"), ether)).toEqual({
      kind: "failed",
      message: "RPC down",
    });
    expect(describeTxError(new Error("boom"), ether)).toEqual({ kind: "failed", message: "boom" });
  });
});
