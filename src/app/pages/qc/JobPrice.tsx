import { Coin } from "../../components/Coin.tsx";
import { PriceTable } from "../../components/PriceTable.tsx";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";
import { priceOfJob } from "../../../protocol/money/views.ts";

/**
 * The job's price as the contract computes it (priceOf over the job's own DO prices, factor, MPC
 * count and price and its snapshotted GDS fee), from the participants read in bulk for the page.
 * Before MPCs are assigned only the quote is known.
 */
export function JobPrice({
  job,
  participants,
}: {
  job: JobView;
  participants: readonly ParticipantView[] | undefined;
}) {
  if (!job.mpcsAssigned) {
    return (
      <p className="text-sm" data-testid={`price-${job.id}`}>
        Quoted price:{" "}
        <strong>
          <Coin wei={job.quote} />
        </strong>
        <span className="block text-xs text-slate-500">
          The full breakdown is known once the GDS assigns the MPCs. DO fees: <Coin wei={job.collateral} />.
        </span>
      </p>
    );
  }
  const price = priceOfJob(job, participants);
  if (!price) return <p className="text-sm text-slate-500">Loading the price…</p>;
  return (
    <div>
      <PriceTable price={price} mpcCount={job.mpcCount} testId={`price-${job.id}`} />
      {price.total > job.quote && (
        <p className="mt-1 text-xs text-amber-800">
          The total is above the quote of <Coin wei={job.quote} />: the job starts only once you pay again
          (even 0) to accept it.
        </p>
      )}
    </div>
  );
}
