import { useMemo } from "react";
import { useAccount } from "wagmi";
import { BalanceCard } from "../../components/BalanceCard.tsx";
import { ConnectGate } from "../../components/ConnectGate.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { useReadAllJobs } from "../../hooks/useReadAllJobs.ts";
import { useRefreshOnNewBlock } from "../../hooks/useRefreshOnNewBlock.ts";
import { sameAddress } from "../../lib/address.ts";
import { isSettled } from "../../lib/enums.ts";
import { QcJobCard } from "./QcJobCard.tsx";
import { RefundsReceived } from "./RefundsReceived.tsx";
import { SettledJobsTable } from "../../components/SettledJobsTable.tsx";

/** The query client's page: orders addressed to me, paying, progress, cancelling, refunds, withdrawing. */
export default function QcPage() {
  return (
    <ConnectGate what="see the orders addressed to you">
      <QcPageContent />
    </ConnectGate>
  );
}

function QcPageContent() {
  const { address } = useAccount();
  const block = useRefreshOnNewBlock();
  const jobs = useReadAllJobs();
  const mine = useMemo(
    () => (jobs.data ?? []).filter((job) => sameAddress(job.qc, address)),
    [jobs.data, address],
  );
  const open = mine.filter((job) => !isSettled(job.state)).reverse();
  const settled = mine.filter((job) => isSettled(job.state)).reverse();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Query client</h1>
      <BalanceCard />
      <Section title={`Open jobs addressed to me (${open.length})`} testId="qc-open-jobs">
        {jobs.isLoading && <Empty>Loading jobs…</Empty>}
        {jobs.error && <Empty>Could not read the jobs: {jobs.error.message}</Empty>}
        {jobs.data && open.length === 0 && (
          <Empty>No open job is addressed to you. The GDS places orders for you.</Empty>
        )}
        <div className="flex flex-col gap-4">
          {open.map((job) => (
            <QcJobCard key={job.id} job={job} block={block} />
          ))}
        </div>
      </Section>
      <Section title={`Settled jobs (${settled.length})`}>
        <SettledJobsTable jobs={settled} />
      </Section>
      {address && <RefundsReceived account={address} />}
    </div>
  );
}
