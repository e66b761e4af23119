import { appChain } from "../config/chain.ts";
import { parseAmount } from "../../protocol/units.ts";
import { Field } from "./Field.tsx";

export interface AmountInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  allowZero?: boolean;
  testId?: string;
}

/** A decimal coin amount; the page parses the same string with parseAmount to get wei. */
export function AmountInput({ label, value, onChange, hint, allowZero, testId }: AmountInputProps) {
  const parsed = parseAmount(value, { allowZero });
  return (
    <Field
      label={label}
      value={value}
      onChange={onChange}
      inputMode="decimal"
      placeholder="0.0"
      suffix={appChain.nativeCurrency.symbol}
      error={parsed.ok ? null : parsed.error}
      hint={hint}
      data-testid={testId}
    />
  );
}
