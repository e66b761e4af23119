import type { ReactNode } from "react";
import { jobTypeName } from "../../protocol/enums.ts";
import type { JobView } from "../../protocol/views.ts";
import { JobLink } from "./JobLink.tsx";
import { JobStateBadge } from "./JobStateBadge.tsx";

/** One job in a role's list: its link, state and type, what the page adds to the header, then the body. */
export function JobCard({
  job,
  header,
  children,
}: {
  job: Pick<JobView, "id" | "state" | "jobType">;
  header?: ReactNode;
  children: ReactNode;
}) {
  return (
    <article
      className="rounded border border-slate-200 p-3"
      data-testid={`job-row-${job.id}`}
      aria-label={`Job ${job.id}`}
    >
      <header className="mb-2 flex flex-wrap items-center gap-3 text-sm">
        <JobLink id={job.id} />
        <JobStateBadge state={job.state} />
        <span>{jobTypeName(job.jobType)}</span>
        {header}
      </header>
      {children}
    </article>
  );
}
