import { SettledJobsTable } from "../../components/SettledJobsTable.tsx";
import { ListPager } from "./ListPager.tsx";
import { usePageRows } from "../../hooks/usePageRows.ts";
import type { JobView } from "../../../protocol/views.ts";
import { TABLE_PAGE } from "./qcJobs.ts";

/** The QC's settled jobs, newest first, a page at a time. */
export function SettledJobs({ jobs }: { jobs: readonly JobView[] }) {
  const page = usePageRows(jobs, TABLE_PAGE);
  return (
    <>
      <SettledJobsTable jobs={page.rows} />
      <ListPager page={page} label="settled jobs" />
    </>
  );
}
