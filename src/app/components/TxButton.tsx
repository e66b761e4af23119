import { useId, useState, type ReactNode } from "react";
import { useRunTransaction, type MarketCall, type TxState } from "../hooks/useRunTransaction.ts";

export interface TxButtonProps {
  label: string;
  /** What to send, or null when the form is not ready (then `disabledReason` says why). */
  call: MarketCall | null;
  disabledReason?: string | null;
  /** When set, the first press asks this question and only "Yes" sends (for costly or harsh actions). */
  confirm?: ReactNode;
  onConfirmed?: () => void;
  testId?: string;
  variant?: "primary" | "secondary" | "danger";
  small?: boolean;
}

const variants = {
  primary: "bg-teal-700 text-white hover:bg-teal-800 disabled:bg-slate-300 disabled:text-slate-600",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-300 disabled:text-slate-600",
};

const busyLabels: Partial<Record<TxState["phase"], string>> = {
  simulating: "Checking…",
  permitting: "Sign the permit in your wallet…",
  approving: "Approving…",
  signing: "Confirm in your wallet…",
  pending: "Waiting for the block…",
};

export const buttonClass = (variant: keyof typeof variants, small = false) =>
  `${small ? "px-2 py-1 text-xs" : "px-3 py-2 text-sm"} rounded font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-500 focus-visible:ring-offset-1 disabled:cursor-not-allowed ${variants[variant]}`;

/** The button of every write: simulation first, then wallet, pending, confirmed (see useRunTransaction). */
export function TxButton({
  label,
  call,
  disabledReason,
  confirm,
  onConfirmed,
  testId,
  variant = "primary",
  small,
}: TxButtonProps) {
  const { state, run, reset } = useRunTransaction();
  const [asking, setAsking] = useState(false);
  const statusId = useId();
  const busy = state.phase in busyLabels;
  const reason = call === null ? (disabledReason ?? "Fill in the form first.") : disabledReason;

  const send = async () => {
    setAsking(false);
    if (call && (await run(call))) onConfirmed?.();
  };
  const press = () => {
    reset();
    if (confirm) setAsking(true);
    else void send();
  };

  return (
    <div className="inline-flex max-w-full flex-col items-start gap-1">
      {asking ? (
        <div
          role="alertdialog"
          aria-label={label}
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm"
        >
          <div>{confirm}</div>
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              autoFocus
              className={buttonClass(variant, small)}
              onClick={() => void send()}
              data-testid={testId ? `${testId}-yes` : undefined}
            >
              Yes, {label.toLowerCase()}
            </button>
            <button
              type="button"
              className={buttonClass("secondary", small)}
              onClick={() => setAsking(false)}
            >
              Keep as is
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className={buttonClass(variant, small)}
          disabled={Boolean(reason) || busy}
          aria-describedby={statusId}
          onClick={press}
          data-testid={testId}
        >
          {busyLabels[state.phase] ?? label}
        </button>
      )}
      <TxStatusLine id={statusId} reason={reason} state={state} testId={testId} />
    </div>
  );
}

function TxStatusLine({
  id,
  reason,
  state,
  testId,
}: {
  id: string;
  reason?: string | null;
  state: TxState;
  testId?: string;
}) {
  let text: string | null = null;
  let tone = "text-slate-500";
  if (state.phase === "confirmed") {
    text = `Confirmed in block ${state.blockNumber}.`;
    tone = "text-teal-700";
  } else if (state.phase === "reverted" || state.phase === "failed") {
    text = state.message ?? "It failed.";
    tone = "text-red-700";
  } else if (state.phase === "rejected") {
    text = state.message ?? null;
    tone = "text-amber-700";
  } else if (state.message && state.phase in busyLabels) {
    // A payment's steps (permit, approvals) say what the wallet is asking for.
    text = state.message;
  } else if (reason) text = reason;
  return (
    <p
      id={id}
      role="status"
      aria-live="polite"
      className={`text-xs ${tone}`}
      data-testid={testId ? `${testId}-status` : undefined}
    >
      {text}
    </p>
  );
}
