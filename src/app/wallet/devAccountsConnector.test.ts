// @vitest-environment node
// The dev-account wallet against a real anvil (no browser): it connects as the selected dev
// account, anvil signs its transactions, switching the account changes who sends, and the
// connection and the selection survive a "reload" (a new wagmi config over the same storage).
import { defineChain, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig } from "wagmi";
import { connect, getAccount, reconnect, sendTransaction, waitForTransactionReceipt } from "wagmi/actions";
import { type AnvilHandle, freePort, startAnvil } from "../../../scripts/lib/anvil.ts";
import { devAccounts } from "../../protocol/devAccounts.ts";
import { devAccountsConnector } from "./devAccountsConnector.ts";
import { devAddressesSelectedFirst, storeSelectedDevAccount } from "./devAccountSelection.ts";

/** The browser's localStorage, in memory: the wallet remembers its state there. */
class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

describe("dev-account wallet", () => {
  let anvil: AnvilHandle;
  const makeConfig = () => {
    const chain = defineChain({
      id: 31337,
      name: "anvil",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [anvil.rpcUrl] } },
    });
    return createConfig({
      chains: [chain],
      connectors: [devAccountsConnector()],
      transports: { [chain.id]: http(anvil.rpcUrl) },
      pollingInterval: 100,
      storage: null,
    });
  };
  const sendOneWeiAs = async (config: ReturnType<typeof makeConfig>) => {
    const hash = await sendTransaction(config, { to: devAccounts[19]!.address, value: 1n });
    return (await waitForTransactionReceipt(config, { hash })).from.toLowerCase();
  };

  beforeAll(async () => {
    Object.assign(globalThis, { localStorage: new MemoryStorage() });
    anvil = await startAnvil({ port: await freePort() });
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it("connects as the GDS by default and anvil signs for it", async () => {
    const config = makeConfig();
    const { accounts } = await connect(config, { connector: config.connectors[0]! });
    expect(accounts[0]).toBe(devAccounts[1]!.address);
    expect(await sendOneWeiAs(config)).toBe(devAccounts[1]!.address.toLowerCase());
  });

  it("sends as the account picked in the header, also after a reload", async () => {
    const config = makeConfig();
    await connect(config, { connector: config.connectors[0]! });
    const dataOwner = devAccounts[5]!;
    storeSelectedDevAccount(dataOwner.index);
    config.connectors[0]!.emitter.emit("change", { accounts: devAddressesSelectedFirst() });
    expect(getAccount(config).address).toBe(dataOwner.address);
    expect(await sendOneWeiAs(config)).toBe(dataOwner.address.toLowerCase());

    const reloaded = makeConfig();
    await reconnect(reloaded);
    expect(getAccount(reloaded)).toMatchObject({ status: "connected", address: dataOwner.address });
  });
});
