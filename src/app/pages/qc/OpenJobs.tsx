import { useMemo } from "react";
import { Empty } from "../../components/Section.tsx";
import { ListPager } from "../../components/ListPager.tsx";
import type { PageNumber } from "../../hooks/usePageNumber.ts";
import { useReadLiveProgresses } from "../../hooks/useReadLiveProgresses.ts";
import type { JobView } from "../../../protocol/views.ts";
import { QcJobCard } from "./QcJobCard.tsx";

/**
 * One page of the QC's open jobs (newest first) as cards, with the pager. Only the page's jobs with
 * assigned MPCs have their progress read (one lens call), and read again only when a block touches them.
 */
export function OpenJobs({
  jobs,
  pager,
  block,
}: {
  jobs: readonly JobView[];
  pager: PageNumber;
  block: bigint | undefined;
}) {
  const withParticipants = useMemo(() => jobs.filter((job) => job.mpcsAssigned), [jobs]);
  const progress = useReadLiveProgresses(withParticipants);
  return (
    <div className="flex flex-col gap-4">
      {progress.error && <Empty>Could not read the jobs' progress: {progress.error.message}</Empty>}
      {jobs.map((job) => (
        <QcJobCard key={job.id} job={job} participants={progress.data.get(job.id)} block={block} />
      ))}
      <ListPager page={pager} label="open jobs" />
    </div>
  );
}
