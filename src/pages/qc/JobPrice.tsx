import { useReadContract } from "wagmi";
import { Coin } from "../../components/Coin.tsx";
import { PriceTable } from "../../components/PriceTable.tsx";
import { jobMarket } from "../../config/contracts.ts";
import type { JobView } from "../../lib/views.ts";

/**
 * The job's price as the contract computes it: priceOf over the job's own DO prices, factor, MPC
 * count and price and its snapshotted GDS fee. Before MPCs are assigned only the quote is known.
 */
export function JobPrice({ job }: { job: JobView }) {
  const participants = useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "getParticipants",
    args: [job.id],
  }).data;
  const doPrices = participants?.[1];
  const price = useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "priceOf",
    args: doPrices && [
      job.jobType,
      doPrices,
      job.modelComplexityFactor,
      job.mpcCount,
      job.mpcPrice,
      job.params.gdsFeeBps,
    ],
    query: { enabled: Boolean(doPrices) && job.mpcsAssigned },
  }).data;
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
