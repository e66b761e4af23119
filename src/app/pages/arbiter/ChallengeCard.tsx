import { useMemo, useState } from "react";
import type { Address } from "viem";
import { AddressText } from "../../components/AddressText.tsx";
import { Coin } from "../../components/Coin.tsx";
import { JobCard } from "../../components/JobCard.tsx";
import { ProgressTable } from "../../components/ProgressTable.tsx";
import { Empty } from "../../components/Section.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { useMarketLogs } from "../../hooks/useMarketLogs.ts";
import { useReadProgress } from "../../hooks/useReadProgress.ts";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { describeJudgementPhase, judgementPhase } from "../../lib/judgementPhase.ts";
import { jobHistory } from "../../indexer/historyRequests.ts";
import { conflictOf, rulingOf, type Choice } from "../../lib/ruling.ts";
import { roleName } from "../../../protocol/enums.ts";
import { creditOf, fineOfAccount, previewJudgement } from "../../../protocol/money/index.ts";
import type { JobView } from "../../../protocol/views.ts";
import { Timeline } from "../job/Timeline.tsx";

interface Props {
  job: JobView;
  block: bigint | undefined;
  arbiter: Address | undefined;
}

/**
 * One challenged judgement: the job's progress and full timeline (what the arbiter judges by), an
 * uphold / overturn choice per named participant with what each ruling would move, and resolveChallenge.
 */
export function ChallengeCard({ job, block, arbiter }: Props) {
  const participants = useReadProgress(job.id).data;
  const request = useMemo(() => jobHistory(job.id, job.orderedAt, job.settledAt), [job]);
  const timeline = useMarketLogs({ request, enabled: job.orderedAt > 0n });
  const [choices, setChoices] = useState<Map<string, Choice>>(new Map());
  const phase = block === undefined ? undefined : judgementPhase(job, block);
  const ruling = rulingOf(job.named, choices);
  const conflict = participants ? conflictOf(arbiter, job, participants) : null;
  const outcome =
    participants && ruling.upheld ? previewJudgement(job, participants, ruling.upheld) : undefined;
  let reason = ruling.error ?? conflict;
  if (!reason && phase?.kind === "settle-overturned")
    reason = "The arbitration deadline passed: the judgement can only be settled as overturned now.";
  const choose = (account: Address, choice: Choice) =>
    setChoices((old) => new Map(old).set(account.toLowerCase(), choice));

  return (
    <JobCard
      job={job}
      header={
        <span className="text-slate-600">
          GDS <AddressText address={job.gds} /> · QC <AddressText address={job.qc} /> · bond{" "}
          <Coin wei={job.bond} />
        </span>
      }
    >
      <div className="flex flex-col gap-3 text-sm">
        <p>
          Judged at block {String(job.judgedAt)}; challenged by <AddressText address={job.challenger} />.{" "}
          {phase && (
            <span data-testid={`arbitration-deadline-${job.id}`}>{describeJudgementPhase(phase)}</span>
          )}
        </p>
        <div>
          <h3 className="mb-1 font-medium">Progress at the judgement</h3>
          {participants ? (
            <ProgressTable participants={participants} totalEpochs={job.totalEpochs} block={job.judgedAt} />
          ) : (
            <Empty>Reading…</Empty>
          )}
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-medium">Ruling per named participant</legend>
          {job.named.map((account) => {
            const p = participants?.find((x) => x.account.toLowerCase() === account.toLowerCase());
            const key = account.toLowerCase();
            return (
              <div
                key={key}
                className="flex flex-wrap items-center gap-4"
                data-testid={`ruling-${job.id}-${key}`}
              >
                <span>
                  {p ? roleName(p.role) : "Participant"} <AddressText address={account} />
                </span>
                {(["uphold", "overturn"] as const).map((choice) => (
                  <label key={choice} className="flex items-center gap-1">
                    <input
                      type="radio"
                      name={`ruling-${job.id}-${key}`}
                      checked={choices.get(key) === choice}
                      onChange={() => choose(account, choice)}
                      data-testid={`ruling-${choice}-${job.id}-${key}`}
                    />
                    {choice === "uphold" ? "Uphold (fined)" : "Overturn (not at fault)"}
                  </label>
                ))}
                {outcome && (
                  <span className="text-xs text-slate-700" data-testid={`ruling-outcome-${job.id}-${key}`}>
                    {choices.get(key) === "uphold" ? (
                      <>
                        fined <Coin wei={fineOfAccount(outcome, account)} />
                      </>
                    ) : (
                      <>
                        credited <Coin wei={creditOf(outcome, account)} /> (fee, share and bond part)
                      </>
                    )}
                  </span>
                )}
              </div>
            );
          })}
        </fieldset>
        {outcome && (
          <p className="text-xs text-slate-700">
            This ruling refunds the QC <Coin wei={outcome.refund} />, forfeits{" "}
            <Coin wei={outcome.bondForfeited ?? 0n} /> of the bond to the overturned participants and returns{" "}
            <Coin wei={outcome.bondReleased ?? 0n} /> to the GDS.
          </p>
        )}
        <TxButton
          label="Resolve the challenge"
          call={ruling.upheld && !reason ? marketCall("resolveChallenge", [job.id, ruling.upheld]) : null}
          disabledReason={reason}
          confirm={
            ruling.upheld && (
              <span>
                {ruling.upheld.length === 0
                  ? "Overturn the judgement for everyone named?"
                  : `Uphold the judgement of ${ruling.upheld.length} of ${job.named.length} named participants?`}{" "}
                This settles the job at once and cannot be undone.
              </span>
            )
          }
          testId={`resolve-button-${job.id}`}
        />
        <details>
          <summary className="cursor-pointer font-medium">Timeline</summary>
          {timeline.isLoading ? (
            <Empty>Reading the job's events…</Empty>
          ) : (
            <Timeline logs={timeline.logs ?? []} />
          )}
        </details>
      </div>
    </JobCard>
  );
}
