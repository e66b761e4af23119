import { useState } from "react";
import { formatEther } from "viem";
import { AmountInput } from "../../components/AmountInput.tsx";
import { Coin } from "../../components/Coin.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { parseAmount } from "../../../protocol/units.ts";
import type { JobView } from "../../../protocol/views.ts";

/** What the QC still owes: the total once MPCs are assigned, else the quote, less what it paid. */
export function amountDue(job: Pick<JobView, "mpcsAssigned" | "totalPrice" | "quote" | "paid">): bigint {
  const price = job.mpcsAssigned ? job.totalPrice : job.quote;
  return price > job.paid ? price - job.paid : 0n;
}

/** Pay (or top up) the StakeIn of an ordered job; a zero payment is a valid consent to a raised price. */
export function PayForm({ job }: { job: JobView }) {
  const due = amountDue(job);
  const [amount, setAmount] = useState(() => formatEther(due));
  const zeroOk = job.consentNeeded && due === 0n;
  const parsed = parseAmount(amount, { allowZero: zeroOk });
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
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-56">
          <AmountInput
            label="Pay"
            value={amount}
            onChange={setAmount}
            allowZero={zeroOk}
            testId={`pay-amount-${job.id}`}
          />
        </div>
        {amount !== formatEther(due) && (
          <button
            type="button"
            className="mb-5 text-xs text-teal-700 underline"
            onClick={() => setAmount(formatEther(due))}
          >
            What is due
          </button>
        )}
        <div className="mb-5">
          <TxButton
            label={job.paid > 0n ? "Top up" : "Pay"}
            call={parsed.ok ? marketCall("submitQuery", [job.id], parsed.value) : null}
            disabledReason={parsed.ok ? null : parsed.error}
            testId={`pay-button-${job.id}`}
          />
        </div>
      </div>
    </div>
  );
}
