// Reading the market's payment asset from the chain: asset(), then the token's decimals(), symbol()
// and whether it takes permits. The deploy script writes the answer into the deployment record; the
// app and the services read it again only where no record tells them.
import { type Address, getAddress } from "viem";
import { isNativeAsset, nativeAsset, type PaymentAsset } from "./asset.ts";
import { jobMarketAbi } from "./generated/abis.ts";
import { readPermitDomain, type TokenReader } from "./permit.ts";
import { tokenAbi } from "./tokenAbi.ts";

export async function readMarketAsset(client: TokenReader, market: Address): Promise<Address> {
  return getAddress(
    (await client.readContract({ address: market, abi: jobMarketAbi, functionName: "asset" })) as Address,
  );
}

/** The token's decimals, symbol and permit support; the native coin for the zero address. */
export async function readTokenAsset(
  client: TokenReader,
  token: Address,
  chainId: number,
  nativeSymbol = "ETH",
): Promise<PaymentAsset> {
  const native = nativeAsset(nativeSymbol);
  if (isNativeAsset({ address: token })) return native;
  const [decimals, symbol, domain] = await Promise.all([
    client.readContract({ address: token, abi: tokenAbi, functionName: "decimals" }) as Promise<number>,
    // symbol() is optional in ERC-20: a token without one still reads as an amount of "tokens".
    (client.readContract({ address: token, abi: tokenAbi, functionName: "symbol" }) as Promise<string>).catch(
      () => "tokens",
    ),
    readPermitDomain(client, token, chainId),
  ]);
  return { address: getAddress(token), decimals: Number(decimals), symbol, permit: domain !== undefined };
}

/** The market's asset as `readTokenAsset` describes it. */
export async function readPaymentAsset(
  client: TokenReader,
  market: Address,
  chainId: number,
  nativeSymbol = "ETH",
): Promise<PaymentAsset> {
  return readTokenAsset(client, await readMarketAsset(client, market), chainId, nativeSymbol);
}
