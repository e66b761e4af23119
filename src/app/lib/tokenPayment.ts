// The token half of a payment (docs/rules.md §12), loaded with the write machinery on the first write.
// With a permit token: one wallet signature (eth_signTypedData_v4) for exactly the amount, then the
// ...WithPermit call, one transaction. Without: approve exactly the amount (0 first when an allowance is
// left over, as USDT requires), then the plain call. An allowance that already covers the amount is used
// as it is. Nothing assumes the wallet has the tokens: too few stops here, before the wallet opens.
import type { Address } from "viem";
import type { Config } from "wagmi";
import {
  getBlock,
  getPublicClient,
  readContract,
  signTypedData,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from "wagmi/actions";
import type { PaymentAsset } from "../../protocol/asset.ts";
import { withGasMargin } from "../../protocol/gas.ts";
import {
  permitDeadline,
  permitSignatureParts,
  permitTypedData,
  readPermitDomain,
  readPermitNonce,
} from "../../protocol/permit.ts";
import { tokenAbi } from "../../protocol/tokenAbi.ts";
import { formatAmount } from "../../protocol/units.ts";
import type { MarketCall } from "../hooks/useRunTransaction.ts";
import { type PayingName, withPermit } from "./payment.ts";

export interface TokenPaymentStep {
  phase: "permitting" | "approving";
  message: string;
}

export interface TokenPaymentInput {
  config: Config;
  chainId: number;
  account: Address;
  market: Address;
  asset: PaymentAsset;
  call: MarketCall & { functionName: PayingName };
  amount: bigint;
  onStep: (step: TokenPaymentStep) => void;
}

/** EIP-1193 4200 (unsupported method) or JSON-RPC -32601 (method not found), however deep viem wrapped it. */
function cannotSignTypedData(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === 4200 || code === -32601) return true;
  }
  return false;
}

/** A payment the wallet cannot make: said before anything is signed or sent. */
export class PaymentNotPossible extends Error {}

/** Gets the market allowed to pull `amount`; returns the call that then pays (the permit variant or the plain one). */
export async function prepareTokenPayment(input: TokenPaymentInput): Promise<MarketCall> {
  const { config, chainId, account, market, asset, call, amount, onStep } = input;
  const token = { address: asset.address, abi: tokenAbi, chainId } as const;
  const [held, allowed] = await Promise.all([
    readContract(config, { ...token, functionName: "balanceOf", args: [account] }),
    readContract(config, { ...token, functionName: "allowance", args: [account, market] }),
  ]);
  if (held < amount)
    throw new PaymentNotPossible(
      `Your wallet holds only ${formatAmount(held, asset)}, less than the ${formatAmount(amount, asset)} to pay; nothing was sent.`,
    );
  if (allowed >= amount) return call;

  if (asset.permit) {
    const client = getPublicClient(config, { chainId });
    if (!client) throw new Error("No connection to the chain.");
    const [domain, nonce, block] = await Promise.all([
      readPermitDomain(client, asset.address, chainId),
      readPermitNonce(client, asset.address, account),
      getBlock(config, { chainId }),
    ]);
    if (domain) {
      const deadline = permitDeadline(block.timestamp);
      onStep({
        phase: "permitting",
        message: `Sign a permit for exactly ${formatAmount(amount, asset)} in your wallet: a signature, not a transaction.`,
      });
      const signature = await signTypedData(config, {
        account,
        ...permitTypedData(domain, { owner: account, spender: market, value: amount, nonce, deadline }),
      }).catch((error: unknown) => {
        // A wallet that cannot sign typed data pays the other way; a user who said no is not asked again.
        if (cannotSignTypedData(error)) return undefined;
        throw error;
      });
      if (signature) return withPermit(call, { deadline, ...permitSignatureParts(signature) });
    }
  }

  // Approve, then pay: the exact amount, never an unlimited allowance.
  const approve = async (value: bigint, message: string) => {
    onStep({ phase: "approving", message });
    const request = { ...token, account, functionName: "approve", args: [market, value] } as const;
    await simulateContract(config, request);
    const gas = await getPublicClient(config, { chainId })!.estimateContractGas(request);
    const hash = await writeContract(config, { ...request, gas: withGasMargin(gas) });
    const receipt = await waitForTransactionReceipt(config, { hash, chainId });
    if (receipt.status !== "success")
      throw new Error(`The approval reverted in block ${receipt.blockNumber}; nothing was paid.`);
  };
  if (allowed > 0n)
    await approve(
      0n,
      `Step 1 of 3: set the ${formatAmount(allowed, asset)} left allowed to FedPay to 0 (the token may require it).`,
    );
  await approve(
    amount,
    `Step ${allowed > 0n ? "2 of 3" : "1 of 2"}: approve FedPay to take exactly ${formatAmount(amount, asset)}.`,
  );
  return call;
}
