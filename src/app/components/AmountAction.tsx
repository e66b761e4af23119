import { AmountInput, type AmountInputProps } from "./AmountInput.tsx";
import { TxButton, type TxButtonProps } from "./TxButton.tsx";
import { WalletFunds } from "./WalletFunds.tsx";

interface Props {
  input: AmountInputProps;
  /** The amount comes from the wallet (stake, deposit, pay): show what it holds and how it will pay. */
  payment?: boolean;
  /** A link that fills in an amount, e.g. "All" of a balance or "What is due". */
  fill?: { label: string; amount: string };
  button: TxButtonProps;
  className?: string;
}

/** An amount of the asset and the write that sends it: withdraw, deposit, stake, pay. */
export function AmountAction({ input, payment, fill, button, className = "" }: Props) {
  return (
    <div className={className}>
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-56">
          <AmountInput {...input} />
        </div>
        {fill && (
          <button
            type="button"
            className="mb-5 text-xs text-teal-700 underline"
            onClick={() => input.onChange(fill.amount)}
          >
            {fill.label}
          </button>
        )}
        <div className="mb-5">
          <TxButton {...button} />
        </div>
      </div>
      {payment && <WalletFunds testId={input.testId ? `${input.testId}-wallet` : undefined} />}
    </div>
  );
}
