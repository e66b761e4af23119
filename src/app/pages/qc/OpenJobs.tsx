import { useMemo } from "react";
import { Empty } from "../../components/Section.tsx";
import { ListPager } from "./ListPager.tsx";
import { usePageRows } from "../../hooks/usePageRows.ts";
import { useReadLiveProgresses } from "../../hooks/useReadLiveProgresses.ts";
import type { JobView } from "../../../protocol/views.ts";
import { QcJobCard } from "./QcJobCard.tsx";
import { OPEN_JOBS_PAGE } from "./qcJobs.ts";

/**
 * The QC's open jobs, newest first, a page of cards at a time. Only the page's jobs with assigned
 * MPCs have their progress read (one lens call), and read again only when a block touches them.
 */
export function OpenJobs({ jobs, block }: { jobs: readonly JobView[]; block: bigint | undefined }) {
  const page = usePageRows(jobs, OPEN_JOBS_PAGE);
  const withParticipants = useMemo(() => page.rows.filter((job) => job.mpcsAssigned), [page.rows]);
  const progress = useReadLiveProgresses(withParticipants);
  return (
    <div className="flex flex-col gap-4">
      {progress.error && <Empty>Could not read the jobs' progress: {progress.error.message}</Empty>}
      {page.rows.map((job) => (
        <QcJobCard key={job.id} job={job} participants={progress.data.get(job.id)} block={block} />
      ))}
      <ListPager page={page} label="open jobs" />
    </div>
  );
}
