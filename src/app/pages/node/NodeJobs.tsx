import type { Address } from "viem";
import { Empty, Section } from "../../components/Section.tsx";
import { HistorySourceNote } from "../../components/HistorySourceNote.tsx";
import { useReadNodePage } from "../../hooks/useReadNodePage.ts";
import { ListPager } from "../../components/ListPager.tsx";
import { SettledJobsTable } from "../../components/SettledJobsTable.tsx";
import { NodeJobCard } from "./NodeJobCard.tsx";

/** The jobs this node locked collateral in (as a DO at the order, as an MPC at assignment), a page at a time. */
export function NodeJobs({ account, block }: { account: Address; block: bigint | undefined }) {
  const jobs = useReadNodePage(account);
  return (
    <>
      <Section title={`My open jobs (${jobs.open.pager.total})`} testId="node-open-jobs">
        <HistorySourceNote source={jobs.source} />
        {jobs.isLoading && <Empty>Reading your jobs…</Empty>}
        {jobs.error && <Empty>Could not read your jobs: {jobs.error.message}</Empty>}
        {jobs.loaded && jobs.open.pager.total === 0 && (
          <Empty>No open job. The GDS picks you for jobs from the registry.</Empty>
        )}
        <div className="flex flex-col gap-4">
          {jobs.open.jobs?.map((job) => (
            <NodeJobCard key={job.id} job={job} account={account} block={block} />
          ))}
        </div>
        <ListPager page={jobs.open.pager} label="open jobs" />
      </Section>
      <Section title={`My settled jobs (${jobs.settled.pager.total})`} testId="node-settled-jobs">
        <SettledJobsTable jobs={jobs.settled.rows} pager={jobs.settled.pager} />
      </Section>
    </>
  );
}
