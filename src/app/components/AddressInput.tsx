import { parseAddress } from "../../protocol/address.ts";
import { Field } from "./Field.tsx";

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  testId?: string;
}

/** An address; mixed case must carry a valid checksum. */
export function AddressInput({ label, value, onChange, hint, testId }: Props) {
  const parsed = parseAddress(value);
  return (
    <Field
      label={label}
      value={value}
      onChange={onChange}
      placeholder="0x…"
      error={parsed.ok ? null : parsed.error}
      hint={hint}
      data-testid={testId}
    />
  );
}
