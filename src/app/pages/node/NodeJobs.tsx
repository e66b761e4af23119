import { useMemo } from "react";
import type { Address } from "viem";
import { Empty, Section } from "../../components/Section.tsx";
import { SettledJobsTable } from "../../components/SettledJobsTable.tsx";
import { useMarketLogs } from "../../hooks/useMarketLogs.ts";
import { useReadAllJobs } from "../../hooks/useReadAllJobs.ts";
import { isSettled } from "../../../protocol/enums.ts";
import { accountTopics } from "../../lib/marketLogs.ts";
import { NodeJobCard } from "./NodeJobCard.tsx";

/** The jobs this node locked collateral in (as a DO at the order, as an MPC at assignment). */
export function NodeJobs({ account, block }: { account: Address; block: bigint | undefined }) {
  const topics = useMemo(() => accountTopics("CollateralLocked", account, true), [account]);
  const { logs, isLoading } = useMarketLogs({ topics });
  const jobs = useReadAllJobs().data;
  const mine = useMemo(() => {
    const ids = new Set(
      (logs ?? []).map((log) => (log.eventName === "CollateralLocked" ? log.args.id : undefined)),
    );
    return (jobs ?? []).filter((job) => ids.has(job.id));
  }, [logs, jobs]);
  const open = mine.filter((job) => !isSettled(job.state)).reverse();
  const settled = mine.filter((job) => isSettled(job.state)).reverse();
  return (
    <>
      <Section title={`My open jobs (${open.length})`} testId="node-open-jobs">
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
