import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import {
  ContractFunctionExecutionError,
  HttpRequestError,
  ContractFunctionRevertedError,
  UserRejectedRequestError,
  encodeErrorResult,
} from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { jobMarketAbi } from "../../protocol/generated/abis.ts";
import { REJECTED_MESSAGE, UNREACHABLE_MESSAGE } from "../lib/txError.ts";
import { marketCall, useRunTransaction, wrongChainMessage } from "./useRunTransaction.ts";

const actions = vi.hoisted(() => ({
  simulateContract: vi.fn(),
  writeContract: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
  estimateContractGas: vi.fn(),
  readContract: vi.fn(),
}));
const account = vi.hoisted(() => ({ address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", chainId: 31337 }));
vi.mock("wagmi", () => ({
  useConfig: () => ({}),
  useAccount: () => account,
}));
vi.mock("./writeActions.ts", () => ({
  simulateContract: actions.simulateContract,
  writeContract: actions.writeContract,
  waitForTransactionReceipt: actions.waitForTransactionReceipt,
  getPublicClient: () => ({
    estimateContractGas: actions.estimateContractGas,
    readContract: actions.readContract,
    waitForTransactionReceipt: actions.waitForTransactionReceipt,
  }),
}));

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
}

const call = marketCall("withdraw", [5n]);

afterEach(cleanup);

beforeEach(() => {
  vi.resetAllMocks();
  account.address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  account.chainId = 31337;
  actions.simulateContract.mockResolvedValue({});
  actions.estimateContractGas.mockResolvedValue(100_000n);
  actions.writeContract.mockResolvedValue("0xabc");
  actions.waitForTransactionReceipt.mockResolvedValue({ status: "success", blockNumber: 42n });
});

describe("the write path", () => {
  it("gives a final completion the settlement's gas (it may become the settling update)", async () => {
    const id = "0x000000000000000000000000000000a1";
    const three = ["0x1", "0x2", "0x3"];
    actions.readContract.mockResolvedValue([three, [1n, 1n, 1n], ["0x4"]]);
    const { result } = renderHook(() => useRunTransaction(), { wrapper });
    const final = { taskType: 0, epoch: 0xffffffff, batch: 0xffffffff, status: 2 };
    await act(() => result.current.run(marketCall("updateJobStatus", [id, final])));
    expect(actions.readContract).toHaveBeenCalledWith(
      expect.objectContaining({ functionName: "getParticipants", args: [id] }),
    );
    // 150k + 15k x 4 participants, above the estimate's 145k.
    expect(actions.writeContract).toHaveBeenCalledWith({}, expect.objectContaining({ gas: 210_000n }));
  });

  it("simulates, sends with the gas margin, and reports the confirming block", async () => {
    const { result } = renderHook(() => useRunTransaction(), { wrapper });
    await act(() => result.current.run(call));
    expect(actions.writeContract).toHaveBeenCalledWith(
      {},
      expect.objectContaining({ functionName: "withdraw", args: [5n], gas: 145_000n }),
    );
    expect(result.current.state).toEqual({ phase: "confirmed", blockNumber: 42n });
  });

  it("shows a revert in words and never opens the wallet", async () => {
    const data = encodeErrorResult({ abi: jobMarketAbi, errorName: "JobMarketZeroAmount" });
    actions.simulateContract.mockRejectedValue(
      new ContractFunctionExecutionError(
        new ContractFunctionRevertedError({ abi: jobMarketAbi, data, functionName: "withdraw" }),
        {
          abi: jobMarketAbi,
          functionName: "withdraw",
          args: [5n],
        },
      ),
    );
    const { result } = renderHook(() => useRunTransaction(), { wrapper });
    await act(() => result.current.run(call));
    expect(actions.writeContract).not.toHaveBeenCalled();
    expect(result.current.state).toEqual({ phase: "reverted", message: "The amount must be above zero." });
  });

  it("says a rejected signature sent nothing", async () => {
    actions.writeContract.mockRejectedValue(new UserRejectedRequestError(new Error("denied")));
    const { result } = renderHook(() => useRunTransaction(), { wrapper });
    await act(() => result.current.run(call));
    expect(actions.waitForTransactionReceipt).not.toHaveBeenCalled();
    expect(result.current.state).toEqual({ phase: "rejected", message: REJECTED_MESSAGE });
  });

  it("never asks a wallet on another chain, and says so", async () => {
    account.chainId = 1;
    const { result } = renderHook(() => useRunTransaction(), { wrapper });
    await act(() => result.current.run(call));
    expect(actions.simulateContract).not.toHaveBeenCalled();
    expect(actions.writeContract).not.toHaveBeenCalled();
    expect(result.current.state).toEqual({ phase: "failed", message: wrongChainMessage(1) });
    expect(wrongChainMessage(1)).toMatch(/switch to .* first; nothing was sent/);
  });

  it("says an unreachable node sent nothing, but never after the transaction left", async () => {
    actions.simulateContract.mockRejectedValue(new HttpRequestError({ url: "http://127.0.0.1:8545" }));
    const { result } = renderHook(() => useRunTransaction(), { wrapper });
    await act(() => result.current.run(call));
    expect(result.current.state).toEqual({ phase: "failed", message: UNREACHABLE_MESSAGE });

    actions.simulateContract.mockResolvedValue({});
    actions.waitForTransactionReceipt.mockRejectedValue(
      new HttpRequestError({ url: "http://127.0.0.1:8545" }),
    );
    await act(() => result.current.run(call));
    expect(result.current.state.message).toMatch(
      /^The transaction was sent \(0xabc…\) but its confirmation could not be read/,
    );
  });

  it("forgets the last outcome when the account changes", async () => {
    const { result, rerender } = renderHook(() => useRunTransaction(), { wrapper });
    await act(() => result.current.run(call));
    expect(result.current.state.phase).toBe("confirmed");
    account.address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    rerender();
    expect(result.current.state).toEqual({ phase: "idle" });
  });

  it("reports a transaction that reverted on chain with the error its block's state raises", async () => {
    actions.waitForTransactionReceipt.mockResolvedValue({ status: "reverted", blockNumber: 43n });
    const data = encodeErrorResult({
      abi: jobMarketAbi,
      errorName: "JobMarketInsufficientBalance",
      args: ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 1n, 5n],
    });
    // The simulation before sending passes; the replay on block 43 raises the custom error.
    actions.simulateContract
      .mockResolvedValueOnce({})
      .mockRejectedValueOnce(
        new ContractFunctionExecutionError(
          new ContractFunctionRevertedError({ abi: jobMarketAbi, data, functionName: "withdraw" }),
          { abi: jobMarketAbi, functionName: "withdraw", args: [5n] },
        ),
      );
    const { result } = renderHook(() => useRunTransaction(), { wrapper });
    await act(() => result.current.run(call));
    expect(actions.simulateContract).toHaveBeenLastCalledWith(
      {},
      expect.objectContaining({ blockNumber: 43n }),
    );
    expect(result.current.state).toEqual({
      phase: "reverted",
      message:
        "The transaction was mined in block 43 but reverted: only its gas was spent. 0x7099…79C8 has only 0.000000000000000001 ETH available, less than the 0.000000000000000005 ETH asked for.",
    });
  });
});
