import { AddressInput } from "../../components/AddressInput.tsx";
import { AmountInput } from "../../components/AmountInput.tsx";
import type { TermsForm } from "../../lib/nodeTerms.ts";

interface Props {
  form: TermsForm;
  onChange: (form: TermsForm) => void;
  testId: string;
}

/** The fields of a node's standing terms (docs/rules.md §11.1), shared by the register form and the terms card. */
export function TermsFields({ form, onChange, testId }: Props) {
  const set = (patch: Partial<TermsForm>) => onChange({ ...form, ...patch });
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input
          type="checkbox"
          checked={form.accepting}
          onChange={(e) => set({ accepting: e.target.checked })}
          data-testid={`${testId}-accepting`}
        />
        Accept new orders
      </label>
      <AddressInput
        label="Only from this GDS (empty: any GDS)"
        value={form.gds}
        onChange={(gds) => set({ gds })}
        testId={`${testId}-gds`}
      />
      <AmountInput
        label="Minimum fee per job"
        value={form.minFee}
        onChange={(minFee) => set({ minFee })}
        allowZero
        hint="Orders paying you less are refused."
        testId={`${testId}-min-fee`}
      />
      <AmountInput
        label="Maximum collateral per job"
        value={form.maxCollateral}
        onChange={(maxCollateral) => set({ maxCollateral })}
        allowZero
        hint="Empty: up to your free stake. No order can lock more of your stake than this."
        testId={`${testId}-max-collateral`}
      />
    </div>
  );
}
