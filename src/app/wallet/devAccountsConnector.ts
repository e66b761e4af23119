import { createConnector } from "wagmi";
import { mock } from "wagmi/connectors";
import {
  devAddressesSelectedFirst,
  rememberDevWalletConnected,
  wasDevWalletConnected,
} from "./devAccountSelection.ts";

export const DEV_CONNECTOR_ID = "fedpayDevAccounts";
/**
 * How the app recognises this wallet's connection: RainbowKit hands wagmi a copy of the connector
 * with its wallet id ("fedpay-dev-accounts") in place of the connector's id, but keeps the type.
 */
export const DEV_CONNECTOR_TYPE = "devAccounts";

/**
 * A wallet over anvil's unlocked dev accounts, for the local chain only. wagmi's `mock` connector
 * does the work: it forwards every request but the account ones to the chain's RPC, and anvil signs
 * eth_sendTransaction for its dev accounts itself, so no key ever reaches the browser. On top of it
 * this adds a switchable acting account and reconnect after a reload.
 */
export function devAccountsConnector() {
  return createConnector((config) => {
    const base = mock({ accounts: devAddressesSelectedFirst(), features: { reconnect: true } })(config);
    return {
      ...base,
      id: DEV_CONNECTOR_ID,
      name: "Dev accounts",
      type: DEV_CONNECTOR_TYPE,
      async connect(parameters) {
        const { chainId } = await base.connect.call(this, { chainId: parameters?.chainId });
        rememberDevWalletConnected(true);
        // wagmi types connect's result by a generic capabilities flag this wallet never offers.
        return { accounts: devAddressesSelectedFirst(), chainId } as never;
      },
      async disconnect() {
        rememberDevWalletConnected(false);
        await base.disconnect.call(this);
      },
      async isAuthorized() {
        return wasDevWalletConnected();
      },
      async getAccounts() {
        return devAddressesSelectedFirst();
      },
      async getProvider(parameters) {
        const provider = await base.getProvider.call(this, parameters);
        const request = (async (args: { method: string; params?: unknown }) => {
          // Account requests answer with the selection; anvil would list its accounts in index order.
          if (args.method === "eth_accounts" || args.method === "eth_requestAccounts") {
            return devAddressesSelectedFirst();
          }
          return provider.request(args as never);
        }) as typeof provider.request;
        return { ...provider, request };
      },
    };
  });
}
