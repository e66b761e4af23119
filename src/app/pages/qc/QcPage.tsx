import { useMemo } from "react";
import { useAccount } from "wagmi";
import { BalanceCard } from "../../components/BalanceCard.tsx";
import { ConnectGate } from "../../components/ConnectGate.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { HistorySourceNote } from "../../components/HistorySourceNote.tsx";
import { useReadQcJobs } from "../../hooks/useReadQcJobs.ts";
import { useRefreshOnNewBlock } from "../../hooks/useRefreshOnNewBlock.ts";
import { OpenJobs } from "./OpenJobs.tsx";
import { qcJobsOf } from "./qcJobs.ts";
import { RefundsReceived } from "./RefundsReceived.tsx";
import { SettledJobs } from "./SettledJobs.tsx";

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
  // Refreshes the balance; the jobs (shared with the dashboard) follow the chain's events on their own.
  const block = useRefreshOnNewBlock();
  const jobs = useReadQcJobs(address);
  const { open, settled } = useMemo(() => qcJobsOf(jobs.data ?? [], address), [jobs.data, address]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Query client</h1>
      <BalanceCard />
      <Section title={`Open jobs addressed to me (${open.length})`} testId="qc-open-jobs">
        <HistorySourceNote source={jobs.source} />
        {jobs.isLoading && <Empty>Loading jobs…</Empty>}
        {jobs.error && <Empty>Could not read the jobs: {jobs.error.message}</Empty>}
        {jobs.data && open.length === 0 && (
          <Empty>No open job is addressed to you. The GDS places orders for you.</Empty>
        )}
        <OpenJobs jobs={open} block={block} />
      </Section>
      <Section title={`Settled jobs (${settled.length})`}>
        <SettledJobs jobs={settled} />
      </Section>
      {address && <RefundsReceived account={address} />}
    </div>
  );
}
