import { useDeferredValue, useMemo, useState } from "react";
import { Coin } from "../../components/Coin.tsx";
import { Field } from "../../components/Field.tsx";
import { JobLink } from "../../components/JobLink.tsx";
import { JobStateBadge } from "../../components/JobStateBadge.tsx";
import { Pager } from "../../components/Pager.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { SortHeader, nextSort } from "../../components/SortHeader.tsx";
import { AddressText } from "../../components/AddressText.tsx";
import { useReadProgresses } from "../../hooks/useReadProgresses.ts";
import { jobStateNames, jobTypeName, jobTypeNames } from "../../../protocol/enums.ts";
import { progressSummary } from "../../lib/progressSummary.ts";
import {
  filterJobs,
  jobSortKeys,
  pageOf,
  sortBy,
  type JobFilter,
  type JobSortKey,
  type SortDirection,
} from "../../lib/tableQuery.ts";
import type { JobView } from "../../../protocol/views.ts";

const PAGE_SIZE = 50;
const anyOf = (names: readonly string[]) => [
  { value: "all", label: "All" },
  ...names.map((label, value) => ({ value: String(value), label })),
];
// State 0 (None) never appears in the list of jobs.
const stateOptions = anyOf(jobStateNames).filter((o) => o.value !== "0");

/** Every job, filterable and sortable; progress is read for the visible page only. */
export function JobsTable({
  jobs,
  error,
  block,
}: {
  jobs: readonly JobView[] | undefined;
  error: Error | null;
  block: bigint | undefined;
}) {
  const [filter, setFilter] = useState<JobFilter>({ state: "all", jobType: "all", text: "" });
  const [sort, setSort] = useState<{ key: JobSortKey; direction: SortDirection }>({
    key: "ordered",
    direction: "desc",
  });
  const [page, setPage] = useState(0);
  const deferredText = useDeferredValue(filter.text);
  const shown = useMemo(
    () =>
      sortBy(
        filterJobs(jobs ?? [], { ...filter, text: deferredText }),
        jobSortKeys[sort.key],
        sort.direction,
      ),
    [jobs, filter, deferredText, sort],
  );
  const current = pageOf(shown, page, PAGE_SIZE);
  const ids = useMemo(() => current.rows.map((j) => j.id), [current.rows]);
  const progress = useReadProgresses(ids).data;
  const onSort = (key: JobSortKey) => setSort((s) => nextSort(s, key));
  const update = (patch: Partial<JobFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(0);
  };

  return (
    <Section title="Jobs" testId="dashboard-jobs">
      <div className="mb-3 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <SelectField
          label="State"
          value={String(filter.state)}
          onChange={(v) => update({ state: v === "all" ? "all" : Number(v) })}
          options={stateOptions}
          testId="filter-state"
        />
        <SelectField
          label="Type"
          value={String(filter.jobType)}
          onChange={(v) => update({ jobType: v === "all" ? "all" : Number(v) })}
          options={anyOf(jobTypeNames)}
          testId="filter-type"
        />
        <Field
          label="Search id, QC or GDS"
          value={filter.text}
          onChange={(text) => update({ text })}
          data-testid="filter-text"
        />
      </div>
      {error && <Empty>Could not read the jobs: {error.message}</Empty>}
      {!jobs && !error && <Empty>Reading jobs…</Empty>}
      {jobs && (
        <>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[52rem] text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-2 py-1 font-medium">
                    Job
                  </th>
                  <SortHeader label="State" sortKey="state" current={sort} onSort={onSort} />
                  <SortHeader label="Type" sortKey="type" current={sort} onSort={onSort} />
                  <th scope="col" className="px-2 font-medium">
                    QC
                  </th>
                  <th scope="col" className="px-2 font-medium">
                    Participants
                  </th>
                  <th scope="col" className="px-2 font-medium">
                    Progress
                  </th>
                  <SortHeader label="Price" sortKey="price" current={sort} onSort={onSort} align="right" />
                  <SortHeader
                    label="Paid (held)"
                    sortKey="paid"
                    current={sort}
                    onSort={onSort}
                    align="right"
                  />
                  <SortHeader
                    label="Collateral each"
                    sortKey="collateral"
                    current={sort}
                    onSort={onSort}
                    align="right"
                  />
                  <SortHeader
                    label="Ordered"
                    sortKey="ordered"
                    current={sort}
                    onSort={onSort}
                    align="right"
                  />
                </tr>
              </thead>
              <tbody>
                {current.rows.map((job) => {
                  const summary = progressSummary(progress?.get(job.id), job.totalEpochs, job.jobType);
                  return (
                    <tr key={job.id} className="border-t border-slate-100" data-testid={`job-row-${job.id}`}>
                      <td className="px-2 py-1">
                        <JobLink id={job.id} />
                      </td>
                      <td className="px-2">
                        <JobStateBadge state={job.state} />
                      </td>
                      <td className="px-2">{jobTypeName(job.jobType)}</td>
                      <td className="px-2">
                        <AddressText address={job.qc} />
                      </td>
                      <td className="px-2 text-xs">
                        {summary ? `${summary.dos} DO · ${summary.mpcs} MPC` : "…"}
                      </td>
                      <td className={`px-2 text-xs ${summary?.timedOut ? "font-semibold text-red-700" : ""}`}>
                        {summary?.text ?? "…"}
                      </td>
                      <td className="px-2 text-right">
                        <Coin wei={job.mpcsAssigned ? job.totalPrice : job.quote} />
                      </td>
                      <td className="px-2 text-right">
                        <Coin wei={job.paid} />
                      </td>
                      <td className="px-2 text-right">
                        <Coin wei={job.collateral} />
                      </td>
                      <td className="px-2 text-right text-xs tabular-nums">
                        {block === undefined ? String(job.orderedAt) : `${block - job.orderedAt} blocks ago`}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {shown.length === 0 && <Empty>No job matches.</Empty>}
          <Pager
            page={current.page}
            pages={current.pages}
            total={shown.length}
            onPage={setPage}
            label="jobs"
          />
        </>
      )}
    </Section>
  );
}
