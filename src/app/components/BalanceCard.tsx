import { useState } from "react";
import { formatEther } from "viem";
import { useAccount } from "wagmi";
import { marketCall } from "../hooks/useRunTransaction.ts";
import { useReadNode } from "../hooks/useReadNode.ts";
import { parseAmount } from "../../protocol/units.ts";
import { AmountAction } from "./AmountAction.tsx";
import { Coin } from "./Coin.tsx";
import { Section } from "./Section.tsx";

/** The user's withdrawable balance (free stake / credited settlements) and the withdraw form. */
export function BalanceCard({ title = "My balance" }: { title?: string }) {
  const { address } = useAccount();
  const node = useReadNode(address).data;
  const [amount, setAmount] = useState("");
  const parsed = parseAmount(amount);
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
      </p>
      <AmountAction
        className="mt-3"
        input={{ label: "Amount to withdraw", value: amount, onChange: setAmount, testId: "withdraw-amount" }}
        fill={
          balance !== undefined && balance > 0n ? { label: "All", amount: formatEther(balance) } : undefined
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
