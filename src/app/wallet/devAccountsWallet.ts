import type { Wallet } from "@rainbow-me/rainbowkit";
import { createConnector } from "wagmi";
import { devAccountsConnector } from "./devAccountsConnector.ts";

const icon =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#0f766e"/>' +
      '<path d="M7 9h14v10H7z" fill="none" stroke="#fff" stroke-width="2"/><circle cx="18" cy="14" r="1.8" fill="#fff"/></svg>',
  );

/** RainbowKit's entry for the dev-account wallet (scaffold-eth-2's burner wallet is the model). */
export const devAccountsWallet = (): Wallet => ({
  id: "fedpay-dev-accounts",
  name: "Dev accounts (local chain)",
  shortName: "Dev accounts",
  iconUrl: icon,
  iconBackground: "#0f766e",
  installed: true,
  createConnector: (walletDetails) =>
    createConnector((config) => ({ ...devAccountsConnector()(config), ...walletDetails })),
});
