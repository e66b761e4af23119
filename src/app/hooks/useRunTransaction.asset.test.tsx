// The write path's money: a payment goes as msg.value on the native coin; on a permit token as one
// typed-data signature for exactly the amount and the ...WithPermit call with no value; on a token
// without permits as an exact approve (0 first when an allowance is left), then the plain call.
// The wallet and the chain are stand-ins here; e2e journeys 1 and 8 run the same on a real chain.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { zeroAddress } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PaymentAsset } from "../../protocol/asset.ts";
import { DEV_MNEMONIC } from "../../protocol/devAccounts.ts";
import { permitTypedData } from "../../protocol/permit.ts";
import { jobMarket } from "../config/contracts.ts";
import { AssetContext } from "./useAsset.ts";
import { marketCall, useRunTransaction } from "./useRunTransaction.ts";

const qc = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 2 });
const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ID = "0x123e4567e89b42d3a456426614174000";
const domain = {
  name: "FedPay Demo Dollar",
  version: "1",
  chainId: 31337,
  verifyingContract: TOKEN,
} as const;

const chain = vi.hoisted(() => ({
  held: 0n,
  allowed: 0n,
  writes: [] as { functionName: string; args: readonly unknown[]; value?: bigint; address: string }[],
  signed: [] as unknown[],
}));
vi.mock("wagmi", () => ({
  useConfig: () => ({}),
  useAccount: () => ({ address: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", chainId: 31337 }),
}));
const write = async (_config: unknown, request: (typeof chain.writes)[number]) => {
  chain.writes.push(request);
  return "0xabc";
};
const publicClient = {
  estimateContractGas: async () => 100_000n,
  // The market call's receipt is read through the client (its status, without throwing on a revert).
  waitForTransactionReceipt: async () => ({ status: "success", blockNumber: 7n }),
  readContract: async ({ functionName }: { functionName: string }) => {
    const { domainSeparator } = await import("viem");
    if (functionName === "nonces") return 4n;
    if (functionName === "DOMAIN_SEPARATOR") return domainSeparator({ domain });
    if (functionName === "eip712Domain")
      return ["0x0f", domain.name, domain.version, 31337n, TOKEN, `0x${"00".repeat(32)}`, []];
    throw new Error(`no ${functionName}`);
  },
};
const actions = {
  getPublicClient: () => publicClient,
  simulateContract: async () => ({}),
  writeContract: write,
  waitForTransactionReceipt: async () => ({ status: "success", blockNumber: 7n }),
  readContract: async (_c: unknown, { functionName }: { functionName: string }) =>
    functionName === "balanceOf" ? chain.held : chain.allowed,
  getBlock: async () => ({ timestamp: 1_000n }),
  signTypedData: async (_c: unknown, typedData: Parameters<typeof qc.signTypedData>[0]) => {
    chain.signed.push(typedData);
    return qc.signTypedData(typedData);
  },
};
vi.mock("./writeActions.ts", () => actions);
vi.mock("wagmi/actions", () => actions);

const on = (asset: PaymentAsset) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={new QueryClient()}>
        <AssetContext.Provider value={asset}>{children}</AssetContext.Provider>
      </QueryClientProvider>
    );
  };
const fdUsd: PaymentAsset = { address: TOKEN, decimals: 6, symbol: "fdUSD", permit: true };
const pay = marketCall("submitQuery", [ID, 2_500_000n, 3_000_000n]);

afterEach(cleanup);
beforeEach(() => {
  chain.held = 10_000_000n;
  chain.allowed = 0n;
  chain.writes = [];
  chain.signed = [];
});

describe("payments in the market's asset", () => {
  it("sends the native coin as msg.value", async () => {
    const { result } = renderHook(() => useRunTransaction(), {
      wrapper: on({ address: zeroAddress, decimals: 18, symbol: "ETH", permit: false }),
    });
    await act(() => result.current.run(pay));
    expect(chain.writes).toMatchObject([{ functionName: "submitQuery", value: 2_500_000n }]);
    expect(chain.signed).toEqual([]);
  });

  it("pays a permit token with one signature for exactly the amount, then submitQueryWithPermit", async () => {
    const { result } = renderHook(() => useRunTransaction(), { wrapper: on(fdUsd) });
    await act(() => result.current.run(pay));
    expect(result.current.state.phase).toBe("confirmed");
    const deadline = 1_000n + 3_600n;
    expect(chain.signed).toEqual([
      {
        account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        ...permitTypedData(domain, {
          owner: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
          spender: jobMarket.address,
          value: 2_500_000n,
          nonce: 4n,
          deadline,
        }),
      },
    ]);
    expect(chain.writes).toHaveLength(1);
    const [sent] = chain.writes;
    expect(sent).toMatchObject({ functionName: "submitQueryWithPermit", value: undefined });
    expect(sent!.args.slice(0, 4)).toEqual([ID, 2_500_000n, 3_000_000n, deadline]);
    expect([27, 28]).toContain(sent!.args[4]);
  });

  it("uses an allowance that already covers the amount without asking for anything", async () => {
    chain.allowed = 2_500_000n;
    const { result } = renderHook(() => useRunTransaction(), { wrapper: on(fdUsd) });
    await act(() => result.current.run(pay));
    expect(chain.signed).toEqual([]);
    expect(chain.writes).toMatchObject([{ functionName: "submitQuery", value: undefined }]);
  });

  it("approves a token without permits exactly, 0 first when an allowance is left, then pays", async () => {
    chain.allowed = 1n;
    const { result } = renderHook(() => useRunTransaction(), { wrapper: on({ ...fdUsd, permit: false }) });
    await act(() => result.current.run(pay));
    expect(chain.signed).toEqual([]);
    expect(chain.writes.map((w) => [w.functionName, w.args])).toEqual([
      ["approve", [jobMarket.address, 0n]],
      ["approve", [jobMarket.address, 2_500_000n]],
      ["submitQuery", [ID, 2_500_000n, 3_000_000n]],
    ]);
    expect(chain.writes[0]!.address).toBe(TOKEN);
  });

  it("refuses, in the token's units, a payment the wallet cannot cover: nothing signed or sent", async () => {
    chain.held = 1_000_000n;
    const { result } = renderHook(() => useRunTransaction(), { wrapper: on(fdUsd) });
    await act(() => result.current.run(pay));
    expect(result.current.state).toEqual({
      phase: "failed",
      message: "Your wallet holds only 1 fdUSD, less than the 2.5 fdUSD to pay; nothing was sent.",
    });
    expect(chain.signed).toEqual([]);
    expect(chain.writes).toEqual([]);
  });
});
