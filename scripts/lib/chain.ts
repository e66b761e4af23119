// viem clients for scripts, and a write helper that estimates gas and adds the protocol's margin.
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  type ContractFunctionArgs,
  type ContractFunctionName,
  createPublicClient,
  createWalletClient,
  getAddress,
  type Hex,
  http,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { withGasMargin } from "../../src/protocol/gas.ts";
import { rpcChain, SERVICE_POLLING_MS } from "../../src/services/shared/clients.ts";

export interface ChainContext {
  chain: Chain;
  rpcUrl: string;
  publicClient: PublicClient;
  /** A wallet client acting as `account`: an unlocked node account (anvil) or a local private key. */
  wallet(account: Address | Hex): WalletClient;
  /** The accounts the node signs for (anvil: its dev accounts, in index order). */
  nodeAccounts(): Promise<Address[]>;
}

export async function connect(rpcUrl: string): Promise<ChainContext> {
  const probe = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await probe.getChainId();
  const chain = rpcChain(chainId, rpcUrl);
  const transport = http(rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: SERVICE_POLLING_MS });
  const wallets = new Map<string, WalletClient>();
  return {
    chain,
    rpcUrl,
    publicClient: publicClient as PublicClient,
    nodeAccounts: () => createWalletClient({ chain, transport }).getAddresses(),
    wallet(account) {
      let client = wallets.get(account);
      if (!client) {
        // 20-byte address: an account the node signs for (anvil's dev accounts). 32 bytes: a private key.
        const acting: Account | Address =
          account.length === 66 ? privateKeyToAccount(account as Hex) : (account as Address);
        client = createWalletClient({
          chain,
          transport,
          account: acting,
          pollingInterval: SERVICE_POLLING_MS,
        });
        wallets.set(account, client);
      }
      return client;
    },
  };
}

export interface WriteRequest<
  abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
> {
  address: Address;
  abi: abi;
  functionName: name;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", name>;
  value?: bigint;
}

/** Simulates (a revert throws with the decoded error), sends with a gas margin, waits for success. */
export async function write<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(ctx: ChainContext, from: WalletClient, request: WriteRequest<abi, name>): Promise<TransactionReceipt> {
  const account = from.account!;
  const call = { ...request, account } as never;
  await ctx.publicClient.simulateContract(call);
  const gas = await ctx.publicClient.estimateContractGas(call);
  const hash = await from.writeContract({
    ...(call as object),
    chain: ctx.chain,
    gas: withGasMargin(gas),
  } as never);
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${String(request.functionName)} reverted in ${hash}`);
  return receipt;
}

/** Deploys creation code (constructor arguments already appended) with a gas margin. */
export async function deployCode(
  ctx: ChainContext,
  from: WalletClient,
  bytecode: Hex,
  label: string,
): Promise<{ address: Address; receipt: TransactionReceipt }> {
  const account = from.account!;
  const gas = await ctx.publicClient.estimateGas({ account, data: bytecode });
  const hash = await from.sendTransaction({
    account,
    chain: ctx.chain,
    data: bytecode,
    gas: withGasMargin(gas),
  });
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress)
    throw new Error(`Deploying ${label} failed in ${hash}`);
  return { address: getAddress(receipt.contractAddress), receipt };
}
