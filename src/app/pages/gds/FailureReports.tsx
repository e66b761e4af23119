import { useState } from "react";
import { AddressText } from "../../components/AddressText.tsx";
import { JobLink } from "../../components/JobLink.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { shortAddress } from "../../../protocol/address.ts";
import { FailureReason, JobState, roleName } from "../../../protocol/enums.ts";
import { fineOfAccount, previewReport } from "../../../protocol/money/index.ts";
import { timedOutParticipants } from "../../lib/gdsChoices.ts";
import { shortJobId, type JobId } from "../../../protocol/jobId.ts";
import { formatAmount } from "../../../protocol/units.ts";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";

interface Props {
  jobs: readonly JobView[];
  progress: ReadonlyMap<JobId, readonly ParticipantView[]> | undefined;
}

/** Timed-out participants flagged from chain data (one click each), non-compliance behind a confirmation. */
export function FailureReports({ jobs, progress }: Props) {
  const flagged = timedOutParticipants(jobs, progress);
  const aborting = jobs.filter((j) => j.state === JobState.Aborting);
  return (
    <Section title="Failures" testId="failures">
      <h3 className="mb-1 text-sm font-medium">
        Timed out ({flagged.reduce((n, r) => n + r.offenders.length, 0)})
      </h3>
      {flagged.length === 0 ? (
        <Empty>No participant of a running job is timed out.</Empty>
      ) : (
        <ul className="flex flex-col gap-2">
          {flagged.map(({ job, offenders }) => (
            <li
              key={job.id}
              className="flex flex-wrap items-center gap-3 text-sm"
              data-testid={`timeout-${job.id}`}
            >
              <JobLink id={job.id} />
              {offenders.map((p) => (
                <span key={p.account} className="flex items-center gap-2">
                  <AddressText address={p.account} />
                  <TxButton
                    label="Report timeout"
                    variant="danger"
                    small
                    call={marketCall("reportFailure", [job.id, [p.account], FailureReason.HeartbeatTimeout])}
                    testId={`report-timeout-${job.id}-${p.account.toLowerCase()}`}
                  />
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {aborting.length > 0 && (
        <>
          <h3 className="mt-4 mb-1 text-sm font-medium">
            Aborting: settle now (the GDS need not wait for the grace)
          </h3>
          <ul className="flex flex-col gap-2">
            {aborting.map((job) => (
              <li key={job.id} className="flex items-center gap-3 text-sm">
                <JobLink id={job.id} />
                <TxButton
                  label="Settle"
                  small
                  call={marketCall("settleAbort", [job.id])}
                  testId={`gds-settle-${job.id}`}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      <NonCompliance jobs={jobs.filter((j) => j.state === JobState.Dispatched)} progress={progress} />
    </Section>
  );
}

function NonCompliance({ jobs, progress }: Props) {
  const asset = useAsset();
  const [jobId, setJobId] = useState("");
  const [account, setAccount] = useState("");
  const job = jobs.find((j) => j.id === jobId);
  const participants = job ? (progress?.get(job.id) ?? []) : [];
  const who = participants.find((p) => p.account === account);
  // What the report would settle if mined now: the offender and everyone timed out share the fines.
  const fine =
    job && who
      ? fineOfAccount(
          previewReport(job, participants, [who.account], FailureReason.NonCompliantResult),
          who.account,
        )
      : 0n;
  return (
    <div className="mt-4 flex flex-col gap-2">
      <h3 className="text-sm font-medium">Report a non-compliant result (GDS judgement)</h3>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Job"
          value={jobId}
          onChange={(id) => {
            setJobId(id);
            setAccount("");
          }}
          options={[
            { value: "", label: "Choose a running job…" },
            ...jobs.map((j) => ({ value: j.id, label: shortJobId(j.id) })),
          ]}
          testId="noncompliant-job"
        />
        <SelectField
          label="Participant"
          value={account}
          onChange={setAccount}
          options={[
            { value: "", label: "Choose…" },
            ...participants.map((p) => ({
              value: p.account,
              label: `${roleName(p.role)} ${shortAddress(p.account)}`,
            })),
          ]}
          disabled={!job}
          testId="noncompliant-participant"
        />
        <TxButton
          label="Report non-compliance"
          variant="danger"
          call={
            job && who
              ? marketCall("reportFailure", [job.id, [who.account], FailureReason.NonCompliantResult])
              : null
          }
          disabledReason={job && who ? null : "Choose a job and a participant."}
          confirm={
            who && (
              <span>
                Report {shortAddress(who.account)} as non-compliant? The job fails: it loses about{" "}
                {formatAmount(fine, asset)} of its collateral, the QC is refunded, and the job cannot be
                resumed.
              </span>
            )
          }
          testId="noncompliant-button"
        />
      </div>
    </div>
  );
}
