import { Coin } from "../../components/Coin.tsx";
import { TxButton } from "../../components/TxButton.tsx";
import { marketCall } from "../../hooks/useRunTransaction.ts";
import { Status } from "../../../protocol/enums.ts";
import { fineOfAccount, previewSelfReport } from "../../../protocol/money/index.ts";
import { allowedTaskTypes } from "../../lib/statusChoices.ts";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";

interface Props {
  job: JobView;
  me: ParticipantView;
  participants: readonly ParticipantView[];
}

/** Report my own failure (status Failed), with the fine it costs shown first. */
export function SelfReportFailure({ job, me, participants }: Props) {
  const last = me.reported ? me.lastStatus : undefined;
  // A Failed report repeats the last reported step (allowed: progress may repeat), or starts at 0.
  const status = {
    taskType:
      last?.taskType ??
      allowedTaskTypes({ jobType: job.jobType, role: me.role, totalEpochs: job.totalEpochs })[0],
    epoch: last?.epoch ?? 0,
    batch: last?.batch ?? 0,
    status: Status.Failed,
  };
  // The settlement the abort would make if mined now; none when the report aborts nothing.
  const settlement = previewSelfReport(job, participants, me.account);
  const cost = !settlement ? (
    <>
      In a horizontal job an MPC's failure asks the GDS to replace it: no fine, but no reward once replaced.
    </>
  ) : (
    <>
      Reporting your failure stops the job and fines you{" "}
      <strong>
        <Coin wei={fineOfAccount(settlement, me.account)} testId={`self-fine-${job.id}`} />
      </strong>
      {me.timedOut && " (you are already timed out, so the full detected-failure fine applies)"}.
    </>
  );
  return (
    <div className="flex flex-col gap-1 text-sm">
      <h3 className="font-medium">Report my failure</h3>
      <p className="text-xs text-slate-700">{cost}</p>
      <TxButton
        label="Report my failure"
        variant="danger"
        call={marketCall("updateJobStatus", [job.id, status])}
        confirm={<span>{cost} Continue?</span>}
        testId={`self-report-button-${job.id}`}
      />
    </div>
  );
}
