import { useId, useMemo, useState } from "react";
import { useReadContract } from "wagmi";
import { AmountInput } from "../../components/AmountInput.tsx";
import { Coin } from "../../components/Coin.tsx";
import { JobStateBadge } from "../../components/JobStateBadge.tsx";
import { PriceTable } from "../../components/PriceTable.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { jobMarket } from "../../config/contracts.ts";
import { refusalSentence, refusals } from "../../lib/nodeTerms.ts";
import { useAsset } from "../../hooks/useAsset.ts";
import { useParseAmount } from "../../hooks/useParseAmount.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { JobState, Role } from "../../../protocol/enums.ts";
import { shortJobId, uuidOfJobId } from "../../../protocol/jobId.ts";
import { priceOf } from "../../../protocol/money/index.ts";
import type { JobView, MarketParameters, NodeView } from "../../../protocol/views.ts";
import { NodePicker } from "./NodePicker.tsx";

interface Props {
  /** The GDS's jobs; the ordered ones are offered here. */
  jobs: readonly JobView[];
  nodes: readonly NodeView[];
  params: MarketParameters;
  block: bigint | undefined;
}

/** Assign (or re-assign) the MPCs of an ordered job; it dispatches once the QC's payment covers the total. */
export function AssignMpcs({ jobs, nodes, params, block }: Props) {
  const [chosen, setChosen] = useState("");
  const [lastAssigned, setLastAssigned] = useState<JobView["id"] | null>(null);
  const orderedJobs = useMemo(() => jobs.filter((j) => j.state === JobState.Ordered), [jobs]);
  const assigned = jobs.find((j) => j.id === lastAssigned);
  const selectId = useId();
  const job = orderedJobs.find((j) => j.id === chosen) ?? orderedJobs[0];
  return (
    <Section title={`Assign MPCs (${orderedJobs.length} ordered)`} testId="assign-mpcs">
      {assigned && (
        <p className="mb-3 rounded bg-slate-50 p-2 text-sm" role="status" data-testid="assign-outcome">
          Job {shortJobId(assigned.id)} is now <JobStateBadge state={assigned.state} />
          {assigned.state === JobState.Ordered &&
            " — waiting for the QC's payment (or its consent to a price above the quote)."}
          {assigned.state === JobState.Dispatched && " — dispatched."}
        </p>
      )}
      {orderedJobs.length === 0 ? (
        <Empty>No ordered job waits for MPCs.</Empty>
      ) : (
        <>
          <label htmlFor={selectId} className="text-xs font-medium text-slate-700">
            Job
          </label>
          <select
            id={selectId}
            value={job?.id}
            onChange={(e) => setChosen(e.target.value)}
            className="mb-3 block w-full max-w-md rounded border border-slate-300 px-2 py-1.5 text-sm"
            data-testid="assign-job"
          >
            {orderedJobs.map((j) => (
              <option key={j.id} value={j.id}>
                {shortJobId(j.id)} · {j.mpcCount} MPCs ·{" "}
                {j.mpcsAssigned ? "assigned, waiting for payment" : "needs MPCs"}
              </option>
            ))}
          </select>
          {job && (
            <AssignForm
              key={job.id}
              job={job}
              nodes={nodes}
              params={params}
              block={block}
              onAssigned={() => setLastAssigned(job.id)}
            />
          )}
        </>
      )}
    </Section>
  );
}

interface FormProps {
  job: JobView;
  nodes: readonly NodeView[];
  params: MarketParameters;
  block: bigint | undefined;
  onAssigned: () => void;
}

function AssignForm({ job, nodes, params, block, onAssigned }: FormProps) {
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [mpcPrice, setMpcPrice] = useState("");
  const mpcNodes = useMemo(() => nodes.filter((n) => n.role === Role.MPC), [nodes]);
  const doPrices = useReadContract({
    address: jobMarket.address,
    abi: jobMarket.abi,
    functionName: "getParticipants",
    args: [job.id],
  }).data?.[1];
  const asset = useAsset();
  const parsedPrice = useParseAmount(mpcPrice);
  const price =
    doPrices && parsedPrice.ok
      ? priceOf({
          jobType: job.jobType,
          doPrices,
          modelComplexityFactor: job.modelComplexityFactor,
          mpcCount: job.mpcCount,
          mpcPrice: parsedPrice.value,
          gdsFeeBps: job.params.gdsFeeBps,
        })
      : undefined;
  const mpcs = mpcNodes.filter((n) => picked.has(n.account.toLowerCase())).map((n) => n.account);
  let reason: string | null = null;
  if (mpcs.length !== job.mpcCount) reason = `Pick exactly ${job.mpcCount} MPCs (${mpcs.length} picked).`;
  else if (!parsedPrice.ok) reason = `MPC price: ${parsedPrice.error}`;
  else if (mpcNodes.some((n) => picked.has(n.account.toLowerCase()) && n.balance < job.collateral))
    reason = "A picked MPC has less free stake than the collateral.";
  // Each MPC's terms at assignMpcs (docs/rules.md §11.9): the fee is the job's MPC fee.
  const ask = {
    gds: job.gds,
    fee: price?.mpcFee ?? 0n,
    collateral: job.collateral,
    minStake: params.minStake,
  };
  const refusalOf = (node: NodeView) =>
    refusals(node, price ? ask : { ...ask, fee: node.terms.minFee }, asset);
  if (!reason) {
    const refused = mpcNodes
      .filter((n) => picked.has(n.account.toLowerCase()))
      .map((n) => refusalSentence(n, ask, asset))
      .find((r) => r !== null);
    if (refused) reason = refused;
  }
  const toggle = (a: string) =>
    setPicked((old) => {
      const next = new Set(old);
      if (next.has(a)) next.delete(a);
      else next.add(a);
      return next;
    });
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
      <div className="flex flex-col gap-2">
        <p className="text-sm">
          Job <span className="font-mono text-xs">{uuidOfJobId(job.id)}</span>: collateral{" "}
          <Coin wei={job.collateral} />, quote <Coin wei={job.quote} />, QC paid <Coin wei={job.paid} />.{" "}
          {job.mpcsAssigned && (
            <span data-testid="assign-waiting">
              MPCs are assigned: it dispatches when the QC's payment covers <Coin wei={job.totalPrice} />.
            </span>
          )}
        </p>
        <NodePicker
          caption="MPC nodes"
          nodes={mpcNodes}
          selected={picked}
          onToggle={toggle}
          block={block}
          timeoutBlocks={params.timeoutBlocks}
          required={job.collateral}
          refusalOf={refusalOf}
          testId="assign-mpcs"
        />
      </div>
      <div className="flex flex-col gap-3">
        <AmountInput label="MPC price" value={mpcPrice} onChange={setMpcPrice} testId="assign-mpc-price" />
        {price && <PriceTable price={price} mpcCount={job.mpcCount} testId="assign-price" />}
        {price && price.total > job.quote && (
          <p className="text-xs text-amber-800">
            Above the quote: the job dispatches only after the QC pays again to accept the new price.
          </p>
        )}
        {price && price.total <= job.quote && job.paid >= price.total && (
          <p className="text-xs text-teal-700">The QC has paid enough: this assignment dispatches the job.</p>
        )}
        <TxButton
          label="Assign MPCs"
          call={
            !reason && parsedPrice.ok ? marketCall("assignMpcs", [job.id, mpcs, parsedPrice.value]) : null
          }
          disabledReason={reason}
          onConfirmed={onAssigned}
          testId="assign-button"
        />
        <TxButton
          label="Cancel order"
          variant="secondary"
          call={marketCall("cancelJob", [job.id, 0n])}
          confirm="Cancel this order? The QC gets everything back and every collateral is unlocked."
          testId="gds-cancel-button"
        />
      </div>
    </div>
  );
}
