import { useState } from "react";
import { useAccount } from "wagmi";
import { amountInputText } from "../../protocol/units.ts";
import { useAsset } from "../hooks/useAsset.ts";
import { useParseAmount } from "../hooks/useParseAmount.ts";
import { marketCall } from "../hooks/useRunTransaction.ts";
import { useReadNode } from "../hooks/useReadNode.ts";
import { useReadWalletFunds } from "../hooks/useReadWalletFunds.ts";
import { AmountAction } from "./AmountAction.tsx";
import { Coin } from "./Coin.tsx";
import { Section } from "./Section.tsx";

/**
 * The user's money: what FedPay holds for it (withdrawable free stake / credited settlements, and what
 * is locked in jobs), what its wallet holds of the asset, and the withdraw form.
 */
export function BalanceCard({ title = "My balance" }: { title?: string }) {
  const { address } = useAccount();
  const { decimals } = useAsset();
  const node = useReadNode(address).data;
  const wallet = useReadWalletFunds(address).data;
  const [amount, setAmount] = useState("");
  const parsed = useParseAmount(amount);
  const balance = node?.balance;
  let reason: string | null = null;
  if (!parsed.ok) reason = parsed.error;
  else if (balance !== undefined && parsed.value > balance)
    reason = "That is more than your withdrawable balance.";
  return (
    <Section title={title} testId="balance-card">
      <p className="text-sm">
        Withdrawable:{" "}
        <strong>
          <Coin wei={balance} testId="balance-withdrawable" />
        </strong>
        {node && node.locked > 0n && (
          <span className="ml-3 text-slate-600">
            Locked in jobs: <Coin wei={node.locked} testId="balance-locked" />
          </span>
        )}
        <span className="ml-3 text-slate-600">
          In your wallet: <Coin wei={wallet?.held} testId="balance-wallet" />
        </span>
      </p>
      <AmountAction
        className="mt-3"
        input={{ label: "Amount to withdraw", value: amount, onChange: setAmount, testId: "withdraw-amount" }}
        fill={
          balance !== undefined && balance > 0n
            ? { label: "All", amount: amountInputText(balance, decimals) }
            : undefined
        }
        button={{
          label: "Withdraw",
          call: parsed.ok && !reason ? marketCall("withdraw", [parsed.value]) : null,
          disabledReason: reason,
          onConfirmed: () => setAmount(""),
          testId: "withdraw-button",
        }}
      />
    </Section>
  );
}
