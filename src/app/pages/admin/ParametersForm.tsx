import { useState } from "react";
import { AmountInput } from "../../components/AmountInput.tsx";
import { Field } from "../../components/Field.tsx";
import { Section } from "../../components/Section.tsx";
import { TxButton, buttonClass } from "../../components/TxButton.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { useReadParameters } from "../../hooks/useReadParameters.ts";
import {
  parameterFormOf,
  parseParameterForm,
  sameParameters,
  scalarSpecs,
  shareLabels,
  type ParameterForm,
} from "../../lib/parameterBounds.ts";
import type { MarketParameters } from "../../../protocol/views.ts";

/** The market's parameters with their bounds; new jobs snapshot them. */
export function ParametersForm() {
  const current = useReadParameters().data;
  if (!current) return <Section title="Parameters">Reading…</Section>;
  return <Editor current={current} />;
}

function Editor({ current }: { current: MarketParameters }) {
  const { decimals } = useAsset();
  const [form, setForm] = useState<ParameterForm>(() => parameterFormOf(current, decimals));
  const parsed = parseParameterForm(form, decimals);
  const unchanged = parsed.ok && sameParameters(parsed.value, current);
  const set = (patch: Partial<ParameterForm>) => setForm((f) => ({ ...f, ...patch }));
  const setShare = (kind: "horizontalShares" | "verticalShares", i: number, v: string) =>
    setForm((f) => {
      const next = [...f[kind]] as [string, string, string];
      next[i] = v;
      return { ...f, [kind]: next };
    });
  return (
    <Section
      title="Parameters"
      testId="admin-parameters"
      actions={
        <button
          type="button"
          className={buttonClass("secondary", true)}
          onClick={() => setForm(parameterFormOf(current, decimals))}
        >
          Reset to current
        </button>
      }
    >
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {scalarSpecs.map((s) => (
          <Field
            key={s.key}
            label={`${s.label} (${s.unit})`}
            value={form[s.key]}
            onChange={(v) => set({ [s.key]: v })}
            inputMode="numeric"
            hint={`${s.min}–${s.max}; now ${current[s.key]}`}
            data-testid={`param-${s.key}`}
          />
        ))}
        <AmountInput
          label="Minimum stake"
          value={form.minStake}
          onChange={(v) => set({ minStake: v })}
          allowZero
          testId="param-minStake"
        />
      </div>
      {(["horizontalShares", "verticalShares"] as const).map((kind) => (
        <fieldset key={kind} className="mt-3">
          <legend className="text-xs font-medium text-slate-700">
            {kind === "horizontalShares" ? "Horizontal" : "Vertical"} shares of the fine remainder (bps, sum
            10000)
          </legend>
          <div className="grid max-w-lg grid-cols-3 gap-3">
            {shareLabels.map((label, i) => (
              <Field
                key={label}
                label={label}
                value={form[kind][i]}
                onChange={(v) => setShare(kind, i, v)}
                inputMode="numeric"
                data-testid={`param-${kind}-${i}`}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <div className="mt-3">
        <TxButton
          label="Save parameters"
          call={parsed.ok && !unchanged ? marketCall("setParameters", [parsed.value]) : null}
          disabledReason={parsed.ok ? (unchanged ? "Nothing changed." : null) : parsed.error}
          testId="save-parameters-button"
        />
      </div>
    </Section>
  );
}
