import { useMemo } from "react";
import { Link, useParams } from "react-router-dom";
import { ProgressTable } from "../../components/ProgressTable.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { NotDeployed } from "../../components/ConnectGate.tsx";
import { isMarketConfigured } from "../../config/contracts.ts";
import { useMarketLogs } from "../../hooks/useMarketLogs.ts";
import { useReadJob } from "../../hooks/useReadJob.ts";
import { useReadProgress } from "../../hooks/useReadProgress.ts";
import { useRefreshOnNewBlock } from "../../hooks/useRefreshOnNewBlock.ts";
import { JobState, isSettled } from "../../../protocol/enums.ts";
import { parseJobId, uuidOfJobId, type JobId } from "../../../protocol/jobId.ts";
import { HistorySourceNote } from "../../components/HistorySourceNote.tsx";
import { jobHistory } from "../../indexer/historyRequests.ts";
import { JobSummary } from "./JobSummary.tsx";
import { PublicActions } from "./PublicActions.tsx";
import { SettlementBreakdown } from "./SettlementBreakdown.tsx";
import { Timeline } from "./Timeline.tsx";

/** /jobs/:id — everything about one job, from its views and its own events. */
export default function JobPage() {
  const { id = "" } = useParams();
  const parsed = parseJobId(id);
  if (!isMarketConfigured) return <NotDeployed />;
  if (!parsed.ok) {
    return (
      <p className="text-sm">
        “{id}” is not a job id: {parsed.error}{" "}
        <Link to="/dashboard" className="text-teal-700 underline">
          All jobs
        </Link>
      </p>
    );
  }
  return <JobDetails id={parsed.value} />;
}

function JobDetails({ id }: { id: JobId }) {
  const block = useRefreshOnNewBlock();
  const job = useReadJob(id);
  const progress = useReadProgress(job.data && job.data.state !== JobState.None ? id : undefined).data;
  const orderedAt = job.data?.orderedAt ?? 0n;
  const settledAt = job.data?.settledAt ?? 0n;
  // The job's events lie between its order and its settlement: the chain is read there only.
  const request = useMemo(() => jobHistory(id, orderedAt, settledAt), [id, orderedAt, settledAt]);
  const timeline = useMarketLogs({ request, enabled: orderedAt > 0n });

  if (job.error)
    return (
      <p className="text-sm text-red-700">
        Could not read job {uuidOfJobId(id)}: {job.error.message}
      </p>
    );
  if (!job.data) return <p className="text-sm text-slate-500">Reading the job…</p>;
  if (job.data.state === JobState.None)
    return <p className="text-sm">There is no job with the id {uuidOfJobId(id)}.</p>;
  const data = job.data;
  return (
    <div className="flex flex-col gap-4" data-testid="job-page">
      <h1 className="text-xl font-semibold break-all">
        Job <span className="font-mono text-base">{uuidOfJobId(id)}</span>
      </h1>
      <JobSummary job={data} block={block} />
      <PublicActions job={data} participants={progress} block={block} />
      <Section title="Participants and progress">
        {progress ? (
          <ProgressTable participants={progress} totalEpochs={data.totalEpochs} block={block} />
        ) : (
          <Empty>Reading…</Empty>
        )}
      </Section>
      {isSettled(data.state) && timeline.logs && <SettlementBreakdown job={data} logs={timeline.logs} />}
      <Section title="Timeline">
        <HistorySourceNote source={timeline.source} />
        {timeline.isLoading ? (
          <Empty>Reading the job's events…</Empty>
        ) : (
          <Timeline logs={timeline.logs ?? []} />
        )}
      </Section>
    </div>
  );
}
