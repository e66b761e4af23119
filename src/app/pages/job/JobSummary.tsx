import type { ReactNode } from "react";
import { AddressText } from "../../components/AddressText.tsx";
import { Coin } from "../../components/Coin.tsx";
import { JobStateBadge } from "../../components/JobStateBadge.tsx";
import { Section } from "../../components/Section.tsx";
import { jobTypeName } from "../../../protocol/enums.ts";
import { formatBps } from "../../../protocol/units.ts";
import type { JobView } from "../../../protocol/views.ts";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

const at = (block: bigint) => (block === 0n ? "—" : `block ${block}`);

/** The job's terms and money: who, what price, what is held, when things happened. */
export function JobSummary({ job, block }: { job: JobView; block: bigint | undefined }) {
  const p = job.params;
  return (
    <Section title="Summary" testId="job-summary">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Item label="State">
          <JobStateBadge state={job.state} />
        </Item>
        <Item label="Type">{jobTypeName(job.jobType)}</Item>
        <Item label="QC">
          <AddressText address={job.qc} />
        </Item>
        <Item label="GDS">
          <AddressText address={job.gds} />
        </Item>
        <Item label="Epochs">{job.totalEpochs}</Item>
        <Item label="Complexity factor">{job.modelComplexityFactor}</Item>
        <Item label="Quote">
          <Coin wei={job.quote} />
        </Item>
        <Item label="Total price">
          {job.mpcsAssigned ? <Coin wei={job.totalPrice} /> : "after MPC assignment"}
        </Item>
        <Item label="MPC price">{job.mpcsAssigned ? <Coin wei={job.mpcPrice} /> : "—"}</Item>
        <Item label="Collateral per participant">
          <Coin wei={job.collateral} />
        </Item>
        <Item label="Paid by the QC (held)">
          <Coin wei={job.paid} testId="job-paid" />
        </Item>
        <Item label="MPCs">
          {job.mpcCount} ({job.replacements} replaced)
        </Item>
        <Item label="Ordered">{at(job.orderedAt)}</Item>
        <Item label="Dispatched">{at(job.dispatchedAt)}</Item>
        <Item label="Aborted">{at(job.abortedAt)}</Item>
        <Item label="Settled">{at(job.settledAt)}</Item>
        <Item label="Timeout">{p.timeoutBlocks} blocks</Item>
        <Item label="Current block">{block === undefined ? "…" : String(block)}</Item>
      </dl>
      <p className="mt-3 text-xs text-slate-500">
        Terms fixed at the order: GDS fee {formatBps(p.gdsFeeBps)}, self-report fine{" "}
        {formatBps(p.selfReportFineBps)}, detected-failure fine {formatBps(p.detectedFineBps)}, cancellation
        fine {formatBps(p.cancelFineBps)}, order expiry {p.orderExpiryBlocks} blocks, abort grace{" "}
        {p.abortGraceBlocks} blocks, at most {p.maxMpcReplacements} MPC replacements.
      </p>
    </Section>
  );
}
