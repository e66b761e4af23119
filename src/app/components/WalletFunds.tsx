import { useAccount } from "wagmi";
import { isNativeAsset } from "../../protocol/asset.ts";
import { useAsset } from "../hooks/useAsset.ts";
import { useReadWalletFunds } from "../hooks/useReadWalletFunds.ts";
import { Coin } from "./Coin.tsx";

/**
 * Beside a payment: what the wallet holds of the asset and, on a token, what FedPay may already take
 * and how paying will go (a permit signature, or approve then pay).
 */
export function WalletFunds({ testId = "wallet-funds" }: { testId?: string }) {
  const { address } = useAccount();
  const asset = useAsset();
  const funds = useReadWalletFunds(address).data;
  if (!address) return null;
  return (
    <p className="text-xs text-slate-600" data-testid={testId}>
      In your wallet: <Coin wei={funds?.held} testId={`${testId}-held`} />
      {!isNativeAsset(asset) && (
        <>
          {" · "}FedPay may take: <Coin wei={funds?.allowed} testId={`${testId}-allowed`} />
          {" · "}
          {asset.permit
            ? "you sign a permit for the amount, then one transaction pays."
            : "you approve the amount (a transaction), then pay."}
        </>
      )}
    </p>
  );
}
