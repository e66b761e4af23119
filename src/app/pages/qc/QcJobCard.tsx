import { Coin } from "../../components/Coin.tsx";
import { JobCard } from "../../components/JobCard.tsx";
import { JudgementPanel } from "../../components/JudgementPanel.tsx";
import { AddressText } from "../../components/AddressText.tsx";
import { ProgressTable } from "../../components/ProgressTable.tsx";
import { JobState } from "../../../protocol/enums.ts";
import type { JobView, ParticipantView } from "../../../protocol/views.ts";
import { CancelJob } from "./CancelJob.tsx";
import { JobPrice } from "./JobPrice.tsx";
import { PayForm } from "./PayForm.tsx";

/**
 * One open job of the QC: price, what is paid, the payment form, progress, cancellation. The
 * participants come from the page's bulk progress read (undefined before MPCs are assigned).
 */
export function QcJobCard({
  job,
  participants,
  block,
}: {
  job: JobView;
  participants: readonly ParticipantView[] | undefined;
  block: bigint | undefined;
}) {
  const running =
    job.state === JobState.Dispatched ||
    job.state === JobState.Aborting ||
    job.state === JobState.Judged ||
    job.state === JobState.Challenged;
  return (
    <JobCard
      job={job}
      header={
        <>
          <span className="text-slate-600">
            GDS <AddressText address={job.gds} />
          </span>
          <span className="text-slate-600">{job.totalEpochs} epochs</span>
        </>
      }
    >
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <JobPrice job={job} participants={participants} />
          <p className="mt-2 text-sm">
            Paid so far: <Coin wei={job.paid} testId={`paid-${job.id}`} />
          </p>
        </div>
        <div className="flex flex-col gap-3">
          {job.state === JobState.Ordered && <PayForm job={job} />}
          {(job.state === JobState.Ordered || job.state === JobState.Dispatched) && <CancelJob job={job} />}
          {(job.state === JobState.Judged || job.state === JobState.Challenged) && (
            <>
              <p className="text-sm text-amber-800">
                The GDS judged a participant non-compliant: the job is frozen and cannot be cancelled until
                the judgement settles. Upheld, you are refunded everything you paid.
              </p>
              <JudgementPanel job={job} participants={participants} block={block} />
            </>
          )}
          {job.state === JobState.Aborting && (
            <p className="text-sm text-amber-800">
              A participant reported a failure: the job is being settled. You will be refunded everything you
              paid.
            </p>
          )}
        </div>
      </div>
      {running && participants && (
        <div className="mt-3">
          <h3 className="mb-1 text-sm font-medium">Progress</h3>
          <ProgressTable participants={participants} totalEpochs={job.totalEpochs} block={block} />
        </div>
      )}
    </JobCard>
  );
}
