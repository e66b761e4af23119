import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import type { ContractFunctionArgs, ContractFunctionName } from "viem";
import { useAccount, useConfig } from "wagmi";
import { appChain } from "../config/chain.ts";
import { jobMarket } from "../config/contracts.ts";
import { withGasMargin } from "../lib/gas.ts";
import { isStateQuery } from "./useRefreshOnNewBlock.ts";

type MarketAbi = typeof jobMarket.abi;
export type WriteName = ContractFunctionName<MarketAbi, "nonpayable" | "payable">;

/** One call of the market: what the page wants sent. */
export interface MarketCall {
  functionName: WriteName;
  args: readonly unknown[];
  value?: bigint;
}

/** A typed MarketCall: the compiler checks the args against the ABI. */
export function marketCall<F extends WriteName>(
  functionName: F,
  args: ContractFunctionArgs<MarketAbi, "nonpayable" | "payable", F>,
  value?: bigint,
): MarketCall {
  return { functionName, args: args as readonly unknown[], value };
}

export type TxPhase =
  "idle" | "simulating" | "signing" | "pending" | "confirmed" | "reverted" | "rejected" | "failed";

export interface TxState {
  phase: TxPhase;
  message?: string;
  blockNumber?: bigint;
}

const symbol = appChain.nativeCurrency.symbol;

/**
 * The one write path of the app: simulate (a revert becomes words before the wallet opens),
 * estimate gas with a margin, ask the wallet, wait for the receipt, then refresh every view.
 */
export function useRunTransaction() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { address } = useAccount();
  const [state, setState] = useState<TxState>({ phase: "idle" });
  const busy = useRef(false);

  const run = useCallback(
    async (call: MarketCall): Promise<boolean> => {
      if (busy.current) return false;
      if (!address) {
        setState({ phase: "failed", message: "Connect a wallet first." });
        return false;
      }
      busy.current = true;
      try {
        setState({ phase: "simulating" });
        // The write machinery loads on the first write, not with the page (first-load budget).
        const { getPublicClient, simulateContract, waitForTransactionReceipt, writeContract } =
          await import("./writeActions.ts");
        const request = {
          address: jobMarket.address,
          abi: jobMarket.abi,
          account: address,
          ...call,
        } as never;
        await simulateContract(config, request);
        const client = getPublicClient(config);
        if (!client) throw new Error("No connection to the chain.");
        const gas = await client.estimateContractGas(request);
        setState({ phase: "signing" });
        const hash = await writeContract(config, {
          ...(request as object),
          gas: withGasMargin(gas),
        } as never);
        setState({ phase: "pending" });
        const receipt = await waitForTransactionReceipt(config, { hash });
        if (receipt.status !== "success") {
          setState({ phase: "failed", message: `The transaction reverted in block ${receipt.blockNumber}.` });
          return false;
        }
        setState({ phase: "confirmed", blockNumber: receipt.blockNumber });
        await queryClient.invalidateQueries({ predicate: isStateQuery });
        return true;
      } catch (error) {
        // The words for every error load only when one happens.
        const { describeTxError } = await import("../lib/txError.ts");
        const { kind, message } = describeTxError(error, symbol);
        setState({ phase: kind, message });
        return false;
      } finally {
        busy.current = false;
      }
    },
    [address, config, queryClient],
  );

  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return { state, run, reset };
}
