import { Coin } from "../../components/Coin.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { cancellationCost } from "../../../protocol/money/views.ts";
import { formatBps } from "../../../protocol/units.ts";
import type { JobView } from "../../../protocol/views.ts";

/**
 * Cancel, with the exact fine the contract would take shown before anything is signed: the money
 * model over the job view, which is kept current block by block (no call per job).
 */
export function CancelJob({ job }: { job: JobView }) {
  const { fine, refund } = cancellationCost(job);
  return (
    <div className="flex flex-col gap-1 text-sm">
      <p>
        Cancelling now costs{" "}
        <strong>
          <Coin wei={fine} testId={`cancel-fine-${job.id}`} />
        </strong>
        {fine > 0n && ` (${formatBps(job.params.cancelFineBps)} of the total price)`}; you get back{" "}
        <Coin wei={refund} />.
      </p>
      <TxButton
        label="Cancel job"
        variant="danger"
        call={marketCall("cancelJob", [job.id, fine])}
        confirm={
          <span>
            Cancel this job? It costs <Coin wei={fine} /> and returns <Coin wei={refund} /> to your balance.
          </span>
        }
        testId={`cancel-button-${job.id}`}
      />
    </div>
  );
}
