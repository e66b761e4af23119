import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import type { ContractFunctionArgs, ContractFunctionName, Hex } from "viem";
import { useAccount, useConfig } from "wagmi";
import { appChain } from "../config/chain.ts";
import { jobMarket } from "../config/contracts.ts";
import { isNativeAsset } from "../../protocol/asset.ts";
import { finalCompletionJob, gasLimitFor } from "../../protocol/gas.ts";
import { isPayingCall, paymentOf } from "../lib/payment.ts";
import { useAsset } from "./useAsset.ts";
import { isStateQuery } from "./useRefreshOnNewBlock.ts";

type MarketAbi = typeof jobMarket.abi;
export type WriteName = ContractFunctionName<MarketAbi, "nonpayable" | "payable">;

/**
 * One call of the market: what the page wants sent. A money-in call (registerNode, deposit,
 * submitQuery) names its amount; the write path pays it in the market's asset (lib/payment.ts).
 */
export interface MarketCall {
  functionName: WriteName;
  args: readonly unknown[];
}

/** A typed MarketCall: the compiler checks the args against the ABI. */
export function marketCall<F extends WriteName>(
  functionName: F,
  args: ContractFunctionArgs<MarketAbi, "nonpayable" | "payable", F>,
): MarketCall {
  return { functionName, args: args as readonly unknown[] };
}

export type TxPhase =
  | "idle"
  | "simulating"
  | "permitting"
  | "approving"
  | "signing"
  | "pending"
  | "confirmed"
  | "reverted"
  | "rejected"
  | "failed";

export interface TxState {
  phase: TxPhase;
  message?: string;
  blockNumber?: bigint;
}

export function wrongChainMessage(chainId: number | undefined): string {
  return `Your wallet is on chain ${chainId ?? "unknown"}: switch to ${appChain.name} (chain ${appChain.id}) first; nothing was sent.`;
}

function sentButUnconfirmed(hash: string): string {
  return `The transaction was sent (${hash.slice(0, 10)}…) but its confirmation could not be read. Check the data on the page before sending again.`;
}

/**
 * The one write path of the app: simulate (a revert becomes words before the wallet opens),
 * estimate gas with a margin, ask the wallet, wait for the receipt, then refresh every view.
 * A payment goes in the market's asset: msg.value on the native coin; on a token, a permit signature
 * (or an exact approval) first, then the call (lib/tokenPayment.ts).
 */
export function useRunTransaction() {
  const config = useConfig();
  const asset = useAsset();
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
        const payment = paymentOf(call);
        let toSend = call;
        if (payment !== undefined && payment > 0n && !isNativeAsset(asset) && isPayingCall(call)) {
          const { prepareTokenPayment } = await import("../lib/tokenPayment.ts");
          toSend = await prepareTokenPayment({
            config,
            chainId: appChain.id,
            account: address,
            market: jobMarket.address,
            asset,
            call,
            amount: payment,
            onStep: (step) => setState(step),
          });
          setState({ phase: "simulating" });
        }
        const request = {
          address: jobMarket.address,
          abi: jobMarket.abi,
          account: address,
          chainId: appChain.id,
          ...toSend,
          // The native coin comes with the call; a token is pulled by the market (msg.value must be 0).
          value: payment !== undefined && isNativeAsset(asset) ? payment : undefined,
        } as never;
        await simulateContract(config, request);
        const client = getPublicClient(config);
        if (!client) throw new Error("No connection to the chain.");
        const gas = await client.estimateContractGas(request);
        // A final completion may become the settling update if another lands first: give it the
        // settlement's gas, as the node agent does (docs/rules.md §13).
        const finalJob = finalCompletionJob(call);
        const participants = finalJob
          ? await client
              .readContract({
                address: jobMarket.address,
                abi: jobMarket.abi,
                functionName: "getParticipants",
                args: [finalJob as Hex],
              })
              .then(([dos, , mpcs]) => dos.length + mpcs.length)
          : undefined;
        setState({ phase: "signing" });
        const hash = await writeContract(config, {
          ...(request as object),
          gas: gasLimitFor(gas, participants),
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
            message: await describeMinedRevert(replay, receipt.blockNumber, asset),
          });
          return false;
        }
        setState({ phase: "confirmed", blockNumber: receipt.blockNumber });
        await queryClient.invalidateQueries({ predicate: isStateQuery });
        return true;
      } catch (error) {
        // The words for every error load only when one happens.
        const { describeTxError } = await import("../lib/txError.ts");
        const { kind, message } = describeTxError(error, asset);
        // Once sent, "nothing was sent" would be false: say what is known instead.
        setState(
          sentHash ? { phase: "failed", message: sentButUnconfirmed(sentHash) } : { phase: kind, message },
        );
        return false;
      } finally {
        busy.current = false;
      }
    },
    [address, asset, chainId, config, queryClient],
  );

  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return { state, run, reset };
}
