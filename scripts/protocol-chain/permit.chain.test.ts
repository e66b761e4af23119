// @vitest-environment node
// Lives with the tools because it deploys a market (scripts/deploy.ts); src/protocol imports nothing above it.
// Permits against real tokens on a private anvil: the demo stablecoin (OpenZeppelin ERC20Permit) takes the
// permit this module builds; DemoTether has none, and reads as an approve-only token. Needs compiled contracts.
import { createPublicClient, createWalletClient, http, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployDemoToken } from "../deploy.ts";
import { freePort, startAnvil, type AnvilHandle } from "../lib/anvil.ts";
import { connect } from "../lib/chain.ts";
import { DEV_MNEMONIC, devAccounts } from "../../src/protocol/devAccounts.ts";
import {
  permitDeadline,
  permitSignatureParts,
  permitTypedData,
  readPermitDomain,
  readPermitNonce,
} from "../../src/protocol/permit.ts";
import { readTokenAsset } from "../../src/protocol/readAsset.ts";
import { tokenAbi } from "../../src/protocol/tokenAbi.ts";

let anvil: AnvilHandle;
let stablecoin: Address;
let tether: Address;

beforeAll(async () => {
  anvil = await startAnvil({ port: await freePort() });
  const ctx = await connect(anvil.rpcUrl);
  stablecoin = await deployDemoToken(ctx, devAccounts[0]!.address, () => {});
  tether = await deployDemoToken(ctx, devAccounts[0]!.address, () => {}, "DemoTether");
}, 60_000);

afterAll(async () => {
  await anvil?.stop();
});

describe("permits on the chain", () => {
  it("reads each token's decimals, symbol and permit support", async () => {
    const client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
    expect(await readTokenAsset(client, stablecoin, 31337)).toEqual({
      address: stablecoin,
      decimals: 6,
      symbol: "fdUSD",
      permit: true,
    });
    expect(await readTokenAsset(client, tether, 31337)).toMatchObject({
      symbol: "fdUSDT",
      decimals: 6,
      permit: false,
    });
  });

  it("a permit built here sets exactly the allowance it names, and only once", async () => {
    const client = createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
    const owner = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 6 });
    const spender = devAccounts[9]!.address;
    const relayer = createWalletClient({
      chain: foundry,
      transport: http(anvil.rpcUrl),
      account: devAccounts[9]!.address,
    });
    const domain = await readPermitDomain(client, stablecoin, 31337);
    expect(domain).toMatchObject({ name: "FedPay Demo Dollar", version: "1", chainId: 31337 });
    const nonce = await readPermitNonce(client, stablecoin, owner.address);
    const deadline = permitDeadline((await client.getBlock()).timestamp);
    const value = 2_500_001n;
    const signature = await owner.signTypedData(
      permitTypedData(domain!, { owner: owner.address, spender, value, nonce, deadline }),
    );
    const { v, r, s } = permitSignatureParts(signature);
    const permit = {
      address: stablecoin,
      abi: tokenAbi,
      functionName: "permit",
      args: [owner.address, spender, value, deadline, v, r, s],
    } as const;
    await client.waitForTransactionReceipt({ hash: await relayer.writeContract(permit) });
    expect(
      await client.readContract({
        address: stablecoin,
        abi: tokenAbi,
        functionName: "allowance",
        args: [owner.address, spender],
      }),
    ).toBe(value);
    expect(await readPermitNonce(client, stablecoin, owner.address)).toBe(nonce + 1n);
    // Used once, the same signature is refused (what the market ignores when the allowance already covers it).
    await expect(client.simulateContract({ ...permit, account: devAccounts[9]!.address })).rejects.toThrow(
      /ERC2612InvalidSigner/,
    );
  });
});
