import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  HttpRequestError,
  encodeErrorResult,
} from "viem";
import { describe, expect, it } from "vitest";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import { describeMinedRevert } from "./minedRevert.ts";

const ID = "0x123e4567e89b42d3a456426614174000";

function revertOf(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: jobMarketAbi, errorName, args } as never);
  return new ContractFunctionExecutionError(
    new ContractFunctionRevertedError({ abi: jobMarketAbi, data, functionName: "cancelJob" }),
    { abi: jobMarketAbi, functionName: "cancelJob", args: [ID, 0n] },
  );
}

const ETH = { decimals: 18, symbol: "ETH" };

describe("describeMinedRevert", () => {
  it("says the custom error the call raises on the state of its block, and that only gas was spent", async () => {
    const words = await describeMinedRevert(
      () => Promise.reject(revertOf("JobMarketFineAboveLimit", [ID, 6n * 10n ** 17n, 0n])),
      42n,
      ETH,
    );
    expect(words).toBe(
      "The transaction was mined in block 42 but reverted: only its gas was spent. Cancelling the job 123e4567 would now cost 0.6 ETH, more than the 0 ETH you agreed to (it was dispatched meanwhile?); nothing was cancelled.",
    );
  });

  it("says what is known when the replay passes or cannot be read", async () => {
    const passes = await describeMinedRevert(() => Promise.resolve(), 7n, ETH);
    expect(passes).toContain("mined in block 7 but reverted");
    expect(passes).toContain("Another transaction changed the job first");
    const unreachable = await describeMinedRevert(
      () => Promise.reject(new HttpRequestError({ url: "http://127.0.0.1:1" })),
      7n,
      ETH,
    );
    expect(unreachable).toContain("Another transaction changed the job first");
  });
});
