// Money into the market from a script (seed, journeys' stage, benchmarks), in its payment asset
// (docs/rules.md §12): the native coin goes along as msg.value; a token is approved for exactly the
// amount first (0 first when an allowance is left over, as USDT requires), then pulled by the market.
import type { Address } from "viem";
import { isNativeAsset, type PaymentAsset } from "../../src/protocol/asset.ts";
import { jobMarketAbi } from "../../src/protocol/generated/abis.ts";
import { tokenAbi } from "../../src/protocol/tokenAbi.ts";
import { formatAmount } from "../../src/protocol/units.ts";
import { type ChainContext, write } from "./chain.ts";

export interface PaymentCall {
  functionName: "registerNode" | "deposit" | "submitQuery";
  args: readonly unknown[];
}

/** `call` as `from`, paying `amount` of the asset into `market`. */
export async function payIn(
  ctx: ChainContext,
  market: Address,
  asset: PaymentAsset,
  from: Address,
  call: PaymentCall,
  amount: bigint,
): Promise<void> {
  const wallet = ctx.wallet(from);
  const contract = { address: market, abi: jobMarketAbi } as const;
  if (isNativeAsset(asset)) {
    await write(ctx, wallet, { ...contract, ...call, value: amount } as never);
    return;
  }
  if (amount > 0n) {
    const token = { address: asset.address, abi: tokenAbi } as const;
    const [held, allowed] = await Promise.all([
      ctx.publicClient.readContract({ ...token, functionName: "balanceOf", args: [from] }),
      ctx.publicClient.readContract({ ...token, functionName: "allowance", args: [from, market] }),
    ]);
    if (held < amount)
      throw new Error(
        `${from} holds only ${formatAmount(held, asset)}, less than the ${formatAmount(amount, asset)} to pay`,
      );
    if (allowed < amount) {
      if (allowed > 0n) await write(ctx, wallet, { ...token, functionName: "approve", args: [market, 0n] });
      await write(ctx, wallet, { ...token, functionName: "approve", args: [market, amount] });
    }
  }
  await write(ctx, wallet, { ...contract, ...call } as never);
}

/** What `account` holds of the asset in its own wallet (not in the market). */
export async function walletHolding(
  ctx: ChainContext,
  asset: PaymentAsset,
  account: Address,
): Promise<bigint> {
  if (isNativeAsset(asset)) return ctx.publicClient.getBalance({ address: account });
  return ctx.publicClient.readContract({
    address: asset.address,
    abi: tokenAbi,
    functionName: "balanceOf",
    args: [account],
  });
}
