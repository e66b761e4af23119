import { useState } from "react";
import { AmountAction } from "../../components/AmountAction.tsx";
import { Coin } from "../../components/Coin.tsx";
import { Section } from "../../components/Section.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { useParseAmount } from "../../hooks/useParseAmount.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import {
  defaultTerms,
  describeTerms,
  parseTermsForm,
  termsToForm,
  type TermsForm,
} from "../../lib/nodeTerms.ts";
import { Role } from "../../../protocol/enums.ts";
import type { NodeView } from "../../../protocol/views.ts";
import { TermsFields } from "./TermsFields.tsx";

/**
 * Join the registry as a DO or an MPC with an initial stake, terms first (docs/rules.md §11.9: a node is
 * never registered without the terms it chose): step 1 saves the terms, step 2 registers. The terms
 * start at the safe defaults: any GDS, any fee, at most the stake being registered locked per job.
 */
export function RegisterCard({ minStake, node }: { minStake: bigint | undefined; node: NodeView }) {
  const [role, setRole] = useState<number>(Role.DO);
  const [stake, setStake] = useState("");
  const asset = useAsset();
  // The maximum collateral follows the stake until the user sets it by hand.
  const [edited, setEdited] = useState<TermsForm | null>(null);
  const [maxEdited, setMaxEdited] = useState(false);
  const parsed = useParseAmount(stake, { allowZero: true });
  const defaults = termsToForm(defaultTerms(parsed.ok ? parsed.value : 0n), asset);
  const followed = parsed.ok ? defaults.maxCollateral : "";
  const form = {
    ...(edited ?? defaults),
    maxCollateral: maxEdited && edited ? edited.maxCollateral : followed,
  };
  const onTerms = (next: TermsForm) => {
    if (next.maxCollateral !== form.maxCollateral) setMaxEdited(true);
    setEdited(next);
  };
  // An empty maximum means "no limit": never the default, only a choice the user typed.
  const terms: ReturnType<typeof parseTermsForm> =
    !maxEdited && !parsed.ok
      ? { ok: false, error: "Type your initial stake first: by default no order locks more than it." }
      : parseTermsForm(form, asset);
  let reason: string | null = parsed.ok ? null : parsed.error;
  if (parsed.ok && minStake !== undefined && parsed.value < minStake)
    reason = "The stake is below the minimum stake.";
  if (!reason && !node.termsSet) reason = "Save your terms first (step 1).";
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
      <div className="mb-4 flex flex-col gap-2 rounded border border-slate-200 p-3">
        <h3 className="text-sm font-medium">1. My terms</h3>
        <p className="text-xs text-slate-600">
          Which orders you accept: the contract refuses any order outside them. They bind orders placed after
          you save them, and you can change them on this page at any time.
        </p>
        <TermsFields form={form} onChange={onTerms} testId="register-terms" />
        <TxButton
          label="Save my terms"
          variant="secondary"
          call={terms.ok ? marketCall("setNodeTerms", [terms.value]) : null}
          disabledReason={terms.ok ? null : terms.error}
          testId="register-terms-button"
        />
        {node.termsSet && (
          <p className="text-xs text-teal-700" data-testid="register-terms-saved">
            Saved on chain: {describeTerms(node.terms, asset)}.
          </p>
        )}
      </div>
      <h3 className="mb-2 text-sm font-medium">2. Stake and register</h3>
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
