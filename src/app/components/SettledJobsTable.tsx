import { Coin } from "./Coin.tsx";
import { JobLink } from "./JobLink.tsx";
import { JobStateBadge } from "./JobStateBadge.tsx";
import { ScrollBox } from "./ScrollBox.tsx";
import { Empty } from "./Section.tsx";
import { jobTypeName } from "../../protocol/enums.ts";
import type { PageNumber } from "../hooks/usePageNumber.ts";
import type { SettledJobRow } from "../lib/settledRows.ts";
import { ListPager } from "./ListPager.tsx";

/**
 * A page of finished jobs, one line each (from the chain's views or the indexer's rows), and its
 * pager; the job page has the breakdown.
 */
export function SettledJobsTable({ jobs, pager }: { jobs: readonly SettledJobRow[]; pager: PageNumber }) {
  if (jobs.length === 0) return <Empty>None yet.</Empty>;
  return (
    <>
      <ScrollBox label="Table of finished jobs" className="max-h-96 overflow-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">Job</th>
              <th className="font-medium">State</th>
              <th className="font-medium">Type</th>
              <th className="font-medium">Settled at block</th>
              <th className="text-right font-medium">Price</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} className="border-t border-slate-100" data-testid={`job-row-${job.id}`}>
                <td className="py-1">
                  <JobLink id={job.id} />
                </td>
                <td>
                  <JobStateBadge state={job.state} />
                </td>
                <td>{jobTypeName(job.jobType)}</td>
                <td className="tabular-nums">{String(job.settledAt)}</td>
                <td className="text-right">{job.price === null ? "unknown" : <Coin wei={job.price} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <ListPager page={pager} label="settled jobs" />
    </>
  );
}
