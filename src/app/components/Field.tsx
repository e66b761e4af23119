import { useId, type InputHTMLAttributes } from "react";

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value"> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A validation message; shown only once the user typed something. */
  error?: string | null;
  hint?: string;
  suffix?: string;
}

export const inputClass =
  "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-500 aria-[invalid=true]:border-red-500";

/** A labelled text input with its hint and its validation message tied to it for screen readers. */
export function Field({ label, value, onChange, error, hint, suffix, className, ...rest }: Props) {
  const id = useId();
  const showError = Boolean(error) && value !== "";
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="flex items-center gap-1">
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={showError}
          aria-describedby={`${id}-msg`}
          className={inputClass}
          autoComplete="off"
          spellCheck={false}
          {...rest}
        />
        {suffix && <span className="text-xs text-slate-500">{suffix}</span>}
      </div>
      <p id={`${id}-msg`} className={`text-xs ${showError ? "text-red-700" : "text-slate-500"}`}>
        {showError ? error : hint}
      </p>
    </div>
  );
}
