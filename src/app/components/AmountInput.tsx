import { useAsset } from "../hooks/useAsset.ts";
import { useParseAmount } from "../hooks/useParseAmount.ts";
import { Field } from "./Field.tsx";

export interface AmountInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  allowZero?: boolean;
  testId?: string;
}

/**
 * A decimal amount of the market's asset, in its own decimals and symbol; the page parses the same string
 * with useParseAmount to get the amount in smallest units.
 */
export function AmountInput({ label, value, onChange, hint, allowZero, testId }: AmountInputProps) {
  const asset = useAsset();
  const parsed = useParseAmount(value, { allowZero });
  return (
    <Field
      label={label}
      value={value}
      onChange={onChange}
      inputMode="decimal"
      placeholder="0.0"
      suffix={asset.symbol}
      error={parsed.ok ? null : parsed.error}
      hint={hint}
      data-testid={testId}
    />
  );
}
