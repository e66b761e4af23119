import { useState } from "react";
import { AmountAction } from "../../components/AmountAction.tsx";
import { Coin } from "../../components/Coin.tsx";
import { Section } from "../../components/Section.tsx";
import { useParseAmount } from "../../hooks/useParseAmount.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { Role } from "../../../protocol/enums.ts";

/** Join the registry as a DO or an MPC with an initial stake. */
export function RegisterCard({ minStake }: { minStake: bigint | undefined }) {
  const [role, setRole] = useState<number>(Role.DO);
  const [stake, setStake] = useState("");
  const parsed = useParseAmount(stake, { allowZero: true });
  let reason: string | null = parsed.ok ? null : parsed.error;
  if (parsed.ok && minStake !== undefined && parsed.value < minStake)
    reason = "The stake is below the minimum stake.";
  return (
    <Section title="Register as a node" testId="register-card">
      <fieldset className="mb-3 flex gap-4 text-sm">
        <legend className="mb-1 text-xs font-medium text-slate-700">Role</legend>
        {[
          [Role.DO, "Data owner (DO)"],
          [Role.MPC, "MPC node"],
        ].map(([value, label]) => (
          <label key={value} className="flex items-center gap-1">
            <input
              type="radio"
              name="role"
              checked={role === value}
              onChange={() => setRole(Number(value))}
              data-testid={`register-role-${value}`}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <AmountAction
        payment
        input={{
          label: "Initial stake",
          value: stake,
          onChange: setStake,
          allowZero: true,
          hint:
            minStake !== undefined && minStake > 0n
              ? "At least the minimum stake."
              : "Collateral for the jobs you join.",
          testId: "register-stake",
        }}
        button={{
          label: "Register",
          call: parsed.ok && !reason ? marketCall("registerNode", [role, parsed.value]) : null,
          disabledReason: reason,
          testId: "register-button",
        }}
      />
      {minStake !== undefined && minStake > 0n && (
        <p className="text-xs text-slate-500">
          Minimum stake: <Coin wei={minStake} />
        </p>
      )}
    </Section>
  );
}
