// The journeys' wallet: the shell's injected EIP-6963 test wallet, but signing every transaction
// itself with the anvil dev key of its acting account (as a real wallet does: the node only sees a
// raw signed transaction), with the failures a user meets: a rejected signature, and an RPC URL the
// test can point elsewhere (an outage gate, a restarted chain).
import type { Page } from "@playwright/test";
import { type Address, createWalletClient, type Hex, http, type LocalAccount } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { DEV_MNEMONIC, findDevAccount, LOCAL_CHAIN_ID } from "../../../src/protocol/devAccounts.ts";
import { InjectedTestWallet, type RpcError } from "../../fixtures/wallet.ts";

type Reply = { result?: unknown; error?: RpcError };

const keys = new Map<number, LocalAccount>();
function devKey(address: Address): LocalAccount {
  const dev = findDevAccount(address);
  if (!dev) throw new Error(`${address} is not a dev account: the test wallet holds no key for it`);
  let account = keys.get(dev.index);
  if (!account) {
    account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: dev.index });
    keys.set(dev.index, account);
  }
  return account;
}

export class JourneyWallet extends InjectedTestWallet {
  private rpcTarget: string;
  private rejections = 0;
  /** Signature requests the page made (eth_sendTransaction), rejected or not. */
  signatureRequests = 0;
  /** Typed-data signature requests (eth_signTypedData_v4: permits), rejected or not. */
  typedDataRequests = 0;
  /** False: the wallet answers eth_signTypedData_v4 with 4200 (unsupported), as some wallets do. */
  signsTypedData = true;
  /** Hashes of the transactions this wallet signed and sent. */
  readonly sent: Hex[] = [];

  constructor(page: Page, rpcUrl: string, account: Address, chainId: number) {
    super(page, rpcUrl, account, chainId);
    this.rpcTarget = rpcUrl;
  }

  /** The user will press "Reject" on the next `count` signature requests. */
  rejectNextSignatures(count = 1): void {
    this.rejections = count;
  }

  /** Where the wallet's node is (the wallet's own RPC, as a user configures it). */
  pointTo(rpcUrl: string): void {
    this.rpcTarget = rpcUrl;
  }

  protected override async handle(method: string, params: unknown): Promise<Reply> {
    if (method === "eth_signTypedData_v4") return this.signTypedData(params);
    if (method !== "eth_sendTransaction") return super.handle(method, params);
    this.signatureRequests += 1;
    if (this.rejections > 0) {
      this.rejections -= 1;
      return { error: { code: 4001, message: "User rejected the request." } };
    }
    if (this.chainId !== LOCAL_CHAIN_ID) {
      return { error: { code: 4901, message: `The wallet is on chain ${this.chainId}` } };
    }
    const [tx] = params as [{ to: Address; data?: Hex; value?: Hex; gas?: Hex }];
    try {
      const client = createWalletClient({
        account: devKey(this.address),
        chain: foundry,
        transport: http(this.rpcTarget, { retryCount: 0 }),
      });
      const hash = await client.sendTransaction({
        to: tx.to,
        data: tx.data,
        value: tx.value === undefined ? undefined : BigInt(tx.value),
        gas: tx.gas === undefined ? undefined : BigInt(tx.gas),
      });
      this.sent.push(hash);
      return { result: hash };
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
      return { error: { code: -32603, message } };
    }
  }

  /** Signs EIP-712 typed data (a permit) with the acting account's own key, as a wallet does. */
  private async signTypedData(params: unknown): Promise<Reply> {
    this.typedDataRequests += 1;
    if (!this.signsTypedData)
      return { error: { code: 4200, message: "eth_signTypedData_v4 is not supported" } };
    if (this.rejections > 0) {
      this.rejections -= 1;
      return { error: { code: 4001, message: "User rejected the request." } };
    }
    const [signer, json] = params as [string, string];
    if (signer.toLowerCase() !== this.address.toLowerCase())
      return { error: { code: 4100, message: `The wallet holds no key for ${signer}` } };
    const typedData = JSON.parse(json) as Parameters<LocalAccount["signTypedData"]>[0];
    return { result: await devKey(this.address).signTypedData(typedData) };
  }

  protected override async forward(method: string, params: unknown): Promise<Reply> {
    if (this.chainId !== LOCAL_CHAIN_ID) return super.forward(method, params);
    try {
      const response = await fetch(this.rpcTarget, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      const body = (await response.json()) as Reply;
      return body.error ? { error: body.error } : { result: body.result };
    } catch {
      return { error: { code: -32603, message: "The wallet cannot reach its node." } };
    }
  }
}
