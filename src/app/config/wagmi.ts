import { connectorsForWallets } from "@rainbow-me/rainbowkit";
import { injectedWallet } from "@rainbow-me/rainbowkit/wallets";
import { createConfig } from "wagmi";
import { devAccountsWallet } from "../wallet/devAccountsWallet.ts";
import { appConfig } from "./appConfig.ts";
import { appChain, pollingInterval } from "./chain.ts";
import { twoLaneTransport } from "./rpcTransport.ts";

// Injected wallets only (extensions announce themselves through EIP-6963 and RainbowKit lists them
// under "Installed"): no WalletConnect wallet, so no relay connection and a small bundle.
const walletGroups = [{ groupName: "Browser wallet", wallets: [injectedWallet] }];
if (appConfig.devWallet) walletGroups.unshift({ groupName: "Local chain", wallets: [devAccountsWallet] });

const connectors = connectorsForWallets(walletGroups, {
  appName: "FedPay",
  // Required by the type, unused by injected wallets.
  projectId: "fedpay-injected-only",
});

export const wagmiConfig = createConfig({
  chains: [appChain],
  connectors,
  transports: { [appChain.id]: twoLaneTransport(appConfig.rpcUrl, appConfig.jobMarketLensAddress) },
  pollingInterval,
  multiInjectedProviderDiscovery: true,
});

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
