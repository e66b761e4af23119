import { useState } from "react";
import { useAccount } from "wagmi";
import { AmountAction } from "../../components/AmountAction.tsx";
import { Coin } from "../../components/Coin.tsx";
import { JudgementPanel } from "../../components/JudgementPanel.tsx";
import { useReadNode } from "../../hooks/useReadNode.ts";
import { AddressText } from "../../components/AddressText.tsx";
import { JobLink } from "../../components/JobLink.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { useAsset } from "../../hooks/useAsset.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { shortAddress } from "../../../protocol/address.ts";
import { FailureReason, JobState, roleName } from "../../../protocol/enums.ts";
import { fineOfAccount, previewJudgementBond, previewReport } from "../../../protocol/money/index.ts";
import { timedOutParticipants } from "../../lib/gdsChoices.ts";
import { shortJobId, type JobId } from "../../../protocol/jobId.ts";
import { amountInputText, formatAmount, formatBps, parseAmount } from "../../../protocol/units.ts";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";

interface Props {
  jobs: readonly JobView[];
  progress: ReadonlyMap<JobId, readonly ParticipantView[]> | undefined;
  block?: bigint | undefined;
}

/** Timed-out participants flagged from chain data (one click each), non-compliance behind a confirmation. */
export function FailureReports({ jobs, progress, block }: Props) {
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
      <MyJudgements jobs={jobs} block={block} />
    </Section>
  );
}

function NonCompliance({ jobs, progress }: Props) {
  const asset = useAsset();
  const [jobId, setJobId] = useState("");
  const [account, setAccount] = useState("");
  const { address } = useAccount();
  const balance = useReadNode(address).data?.balance;
  const job = jobs.find((j) => j.id === jobId);
  const participants = job ? (progress?.get(job.id) ?? []) : [];
  const who = participants.find((p) => p.account === account);
  // What the judgement asks if upheld (the offender and everyone timed out share the fines), and the bond
  // it needs from the GDS's balance now (docs/rules.md §11.7).
  const fine =
    job && who
      ? fineOfAccount(
          previewReport(job, participants, [who.account], FailureReason.NonCompliantResult),
          who.account,
        )
      : 0n;
  const bond = job && who ? previewJudgementBond(job, participants, [who.account]) : undefined;
  const short = bond !== undefined && balance !== undefined && balance < bond ? bond - balance : 0n;
  let reason: string | null = job && who ? null : "Choose a job and a participant.";
  if (!reason && short > 0n)
    reason = `The bond is ${formatAmount(bond ?? 0n, asset)} but your balance is ${formatAmount(balance ?? 0n, asset)}: deposit at least ${formatAmount(short, asset)} first.`;
  return (
    <div className="mt-4 flex flex-col gap-2">
      <h3 className="text-sm font-medium">Report a non-compliant result (GDS judgement)</h3>
      <p className="text-xs text-slate-600">
        A judgement locks a bond from your balance and freezes the job; a named participant may challenge it
        before the window ends, and an arbiter rules. Overturned, the participant gets the bond's share.
      </p>
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
            job && who && !reason
              ? marketCall("reportFailure", [job.id, [who.account], FailureReason.NonCompliantResult])
              : null
          }
          disabledReason={reason}
          confirm={
            who &&
            job && (
              <span>
                Judge {shortAddress(who.account)} non-compliant? It locks a bond of{" "}
                {formatAmount(bond ?? 0n, asset)} from your balance. The job is frozen:{" "}
                {shortAddress(who.account)} may challenge for {job.params.challengeWindowBlocks} blocks.
                Upheld, it loses about {formatAmount(fine, asset)} of its collateral and the QC is refunded.
              </span>
            )
          }
          testId="noncompliant-button"
        />
      </div>
      <p className="text-sm" data-testid="noncompliant-bond">
        {bond === undefined ? (
          "Choose a participant to see the bond the judgement needs."
        ) : (
          <>
            Bond needed: <Coin wei={bond} testId="noncompliant-bond-amount" /> (
            {formatBps(job?.params.judgementBondBps ?? 0)} of the fine it asks); your balance:{" "}
            <Coin wei={balance} testId="noncompliant-balance" />.
          </>
        )}
      </p>
      <BondDeposit suggested={short} />
    </div>
  );
}

/** A GDS deposits into its balance to cover judgement bonds (deposit is open to GDS accounts). */
function BondDeposit({ suggested }: { suggested: bigint }) {
  const [amount, setAmount] = useState("");
  const asset = useAsset();
  const parsed = parseAmount(amount, asset.decimals);
  return (
    <AmountAction
      payment
      input={{
        label: "Deposit for bonds",
        value: amount,
        onChange: setAmount,
        hint: "Bonds are taken from your balance; withdraw what you do not need.",
        testId: "bond-deposit-amount",
      }}
      fill={
        suggested > 0n
          ? { label: "What the bond lacks", amount: amountInputText(suggested, asset.decimals) }
          : undefined
      }
      button={{
        label: "Deposit",
        call: parsed.ok ? marketCall("deposit", [parsed.value]) : null,
        disabledReason: parsed.ok ? null : parsed.error,
        onConfirmed: () => setAmount(""),
        testId: "bond-deposit-button",
      }}
    />
  );
}

/** My jobs under a judgement: its deadline, and the settle button once it may be settled. */
function MyJudgements({ jobs, block }: { jobs: readonly JobView[]; block: bigint | undefined }) {
  const judged = jobs.filter((j) => j.state === JobState.Judged || j.state === JobState.Challenged);
  if (judged.length === 0) return null;
  return (
    <div className="mt-4 flex flex-col gap-2" data-testid="my-judgements">
      <h3 className="text-sm font-medium">My judgements ({judged.length})</h3>
      {judged.map((job) => (
        <div key={job.id} className="flex flex-col gap-1">
          <JobLink id={job.id} />
          <JudgementPanel job={job} participants={undefined} block={block} />
        </div>
      ))}
    </div>
  );
}
