import { useState } from "react";
import { AmountAction } from "../../components/AmountAction.tsx";
import { Coin } from "../../components/Coin.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { useParseAmount } from "../../hooks/useParseAmount.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { amountInputText } from "../../../protocol/units.ts";
import type { JobView } from "../../../protocol/views.ts";

type PriceFields = Pick<JobView, "mpcsAssigned" | "totalPrice" | "quote">;

/** The price the QC sees: the total once MPCs are assigned, else the quote. */
export function priceOnScreen(job: PriceFields): bigint {
  return job.mpcsAssigned ? job.totalPrice : job.quote;
}

/** What the QC still owes: the price on screen less what it paid. */
export function amountDue(job: PriceFields & Pick<JobView, "paid">): bigint {
  const price = priceOnScreen(job);
  return price > job.paid ? price - job.paid : 0n;
}

/**
 * Pay (or top up) the StakeIn of an ordered job; a zero payment is a valid consent to a raised price.
 * The price on screen is signed as the most the QC pays (maxTotal): if the GDS raises it before the
 * payment is mined, the payment reverts instead of dispatching at the new price (docs/rules.md §11.2).
 */
export function PayForm({ job }: { job: JobView }) {
  const { decimals } = useAsset();
  const due = amountDue(job);
  const dueText = amountInputText(due, decimals);
  const [amount, setAmount] = useState(dueText);
  const zeroOk = job.consentNeeded && due === 0n;
  const parsed = useParseAmount(amount, { allowZero: zeroOk });
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm">
        Still due:{" "}
        <strong>
          <Coin wei={due} testId={`due-${job.id}`} />
        </strong>
        {job.consentNeeded && (
          <span className="block text-xs text-amber-800">
            The GDS set a price above the quote. Paying now, even 0 if you already paid enough, accepts it.
          </span>
        )}
      </p>
      <AmountAction
        payment
        input={{
          label: "Pay",
          value: amount,
          onChange: setAmount,
          allowZero: zeroOk,
          testId: `pay-amount-${job.id}`,
        }}
        fill={amount !== dueText ? { label: "What is due", amount: dueText } : undefined}
        button={{
          label: job.paid > 0n ? "Top up" : "Pay",
          call: parsed.ok ? marketCall("submitQuery", [job.id, parsed.value, priceOnScreen(job)]) : null,
          disabledReason: parsed.ok ? null : parsed.error,
          testId: `pay-button-${job.id}`,
        }}
      />
    </div>
  );
}
