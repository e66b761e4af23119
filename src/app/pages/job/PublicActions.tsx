import { AddressText } from "../../components/AddressText.tsx";
import { JudgementPanel } from "../../components/JudgementPanel.tsx";
import { Section } from "../../components/Section.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { FailureReason, JobState } from "../../../protocol/enums.ts";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";

interface Props {
  job: JobView;
  participants: readonly ParticipantView[] | undefined;
  block: bigint | undefined;
}

/**
 * What anyone may do so that no money stays locked (docs/rules.md §4): report verified timeouts, settle an
 * abort after its grace, cancel an expired order, settle a judgement whose window or arbitration deadline passed. Shown only when the chain data says it applies.
 */
export function PublicActions({ job, participants, block }: Props) {
  if (block === undefined) return null;
  const timedOut = job.state === JobState.Dispatched ? (participants ?? []).filter((p) => p.timedOut) : [];
  const graceEnd = job.abortedAt + BigInt(job.params.abortGraceBlocks);
  const expiry = job.orderedAt + BigInt(job.params.orderExpiryBlocks);
  const canSettle = job.state === JobState.Aborting && block >= graceEnd;
  const canExpire = job.state === JobState.Ordered && block >= expiry;
  const judged = job.state === JobState.Judged || job.state === JobState.Challenged;
  if (timedOut.length === 0 && !canSettle && !canExpire && job.state !== JobState.Aborting && !judged)
    return null;
  return (
    <Section title="Actions open to anyone" testId="public-actions">
      <div className="flex flex-col gap-3 text-sm">
        {judged && <JudgementPanel job={job} participants={participants} block={block} />}
        {timedOut.length > 0 && (
          <div className="flex flex-col gap-1">
            <p>
              Timed out (no sign of life for over {job.params.timeoutBlocks} blocks):{" "}
              {timedOut.map((p) => (
                <AddressText key={p.account} address={p.account} />
              ))}
            </p>
            <TxButton
              label="Report the timeouts"
              variant="danger"
              call={marketCall("reportFailure", [
                job.id,
                timedOut.map((p) => p.account),
                FailureReason.HeartbeatTimeout,
              ])}
              testId="report-timeouts-button"
            />
          </div>
        )}
        {job.state === JobState.Aborting && !canSettle && (
          <p>The GDS settles this abort; anyone may from block {String(graceEnd)}.</p>
        )}
        {canSettle && (
          <TxButton
            label="Settle the aborted job"
            call={marketCall("settleAbort", [job.id])}
            testId="settle-abort-button"
          />
        )}
        {canExpire && (
          <div className="flex flex-col gap-1">
            <p>
              The order expired at block {String(expiry)} without dispatch: anyone may cancel it (full
              refund).
            </p>
            <TxButton
              label="Cancel the expired order"
              variant="secondary"
              call={marketCall("cancelJob", [job.id, 0n])}
              testId="cancel-expired-button"
            />
          </div>
        )}
      </div>
    </Section>
  );
}
