import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import type { ContractFunctionArgs, ContractFunctionName } from "viem";
import { useAccount, useConfig } from "wagmi";
import { appChain } from "../config/chain.ts";
import { jobMarket } from "../config/contracts.ts";
import { withGasMargin } from "../../protocol/gas.ts";
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

export function wrongChainMessage(chainId: number | undefined): string {
  return `Your wallet is on chain ${chainId ?? "unknown"}: switch to ${appChain.name} (chain ${appChain.id}) first; nothing was sent.`;
}

function sentButUnconfirmed(hash: string): string {
  return `The transaction was sent (${hash.slice(0, 10)}…) but its confirmation could not be read. Check the data on the page before sending again.`;
}

/**
 * The one write path of the app: simulate (a revert becomes words before the wallet opens),
 * estimate gas with a margin, ask the wallet, wait for the receipt, then refresh every view.
 */
export function useRunTransaction() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { address, chainId } = useAccount();
  const [state, setState] = useState<TxState>({ phase: "idle" });
  const busy = useRef(false);

  // A status belongs to the account that acted: another account must not read it as its own.
  const [shownFor, setShownFor] = useState(address);
  if (shownFor !== address) {
    setShownFor(address);
    setState({ phase: "idle" });
  }

  const run = useCallback(
    async (call: MarketCall): Promise<boolean> => {
      if (busy.current) return false;
      if (!address) {
        setState({ phase: "failed", message: "Connect a wallet first." });
        return false;
      }
      // A wallet on another chain would sign there, to whatever lives at this address: never ask it.
      if (chainId !== appChain.id) {
        setState({ phase: "failed", message: wrongChainMessage(chainId) });
        return false;
      }
      busy.current = true;
      let sentHash: string | undefined;
      try {
        setState({ phase: "simulating" });
        // The write machinery loads on the first write, not with the page (first-load budget).
        const { getPublicClient, simulateContract, writeContract } = await import("./writeActions.ts");
        const request = {
          address: jobMarket.address,
          abi: jobMarket.abi,
          account: address,
          chainId: appChain.id,
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
        sentHash = hash;
        setState({ phase: "pending" });
        // viem's wait, not wagmi's: wagmi's throws on a reverted receipt (with a guess at a string
        // reason), where this path wants the receipt to say the custom error in words below.
        const receipt = await client.waitForTransactionReceipt({ hash });
        if (receipt.status !== "success") {
          // Mined but reverted (a lost race): the same call on its block's state says why, in words.
          const { describeMinedRevert } = await import("../lib/minedRevert.ts");
          const replay = () =>
            simulateContract(config, { ...(request as object), blockNumber: receipt.blockNumber } as never);
          setState({
            phase: "reverted",
            message: await describeMinedRevert(replay, receipt.blockNumber, symbol),
          });
          return false;
        }
        setState({ phase: "confirmed", blockNumber: receipt.blockNumber });
        await queryClient.invalidateQueries({ predicate: isStateQuery });
        return true;
      } catch (error) {
        // The words for every error load only when one happens.
        const { describeTxError } = await import("../lib/txError.ts");
        const { kind, message } = describeTxError(error, symbol);
        // Once sent, "nothing was sent" would be false: say what is known instead.
        setState(
          sentHash ? { phase: "failed", message: sentButUnconfirmed(sentHash) } : { phase: kind, message },
        );
        return false;
      } finally {
        busy.current = false;
      }
    },
    [address, chainId, config, queryClient],
  );

  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return { state, run, reset };
}
