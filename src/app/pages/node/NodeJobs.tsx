import { useMemo } from "react";
import type { Address } from "viem";
import { Empty, Section } from "../../components/Section.tsx";
import { SettledJobsTable } from "../../components/SettledJobsTable.tsx";
import { useMarketLogs } from "../../hooks/useMarketLogs.ts";
import { HistorySourceNote } from "../../components/HistorySourceNote.tsx";
import { useReadJobsById } from "../../hooks/useReadJobsById.ts";
import { lockedByHistory } from "../../indexer/historyRequests.ts";
import { jobIdsIn } from "../../lib/jobIndex.ts";
import { isSettled } from "../../../protocol/enums.ts";
import { NodeJobCard } from "./NodeJobCard.tsx";

/** The jobs this node locked collateral in (as a DO at the order, as an MPC at assignment). */
export function NodeJobs({ account, block }: { account: Address; block: bigint | undefined }) {
  const request = useMemo(() => lockedByHistory(account), [account]);
  const { logs, isLoading, source } = useMarketLogs({ request });
  // Each job once (an MPC assigned twice locked twice), oldest first; their live views in one read.
  const ids = useMemo(() => (logs ? jobIdsIn(logs) : undefined), [logs]);
  const mine = useReadJobsById(ids).data ?? [];
  const open = mine.filter((job) => !isSettled(job.state)).reverse();
  const settled = mine.filter((job) => isSettled(job.state)).reverse();
  return (
    <>
      <Section title={`My open jobs (${open.length})`} testId="node-open-jobs">
        <HistorySourceNote source={source} />
        {isLoading && <Empty>Reading your jobs…</Empty>}
        {logs && open.length === 0 && (
          <Empty>No open job. The GDS picks you for jobs from the registry.</Empty>
        )}
        <div className="flex flex-col gap-4">
          {open.map((job) => (
            <NodeJobCard key={job.id} job={job} account={account} block={block} />
          ))}
        </div>
      </Section>
      <Section title={`My settled jobs (${settled.length})`}>
        <SettledJobsTable jobs={settled} />
      </Section>
    </>
  );
}
