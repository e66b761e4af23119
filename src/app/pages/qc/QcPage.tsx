import { useAccount } from "wagmi";
import { BalanceCard } from "../../components/BalanceCard.tsx";
import { ConnectGate } from "../../components/ConnectGate.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { HistorySourceNote } from "../../components/HistorySourceNote.tsx";
import { useReadQcPage } from "../../hooks/useReadQcPage.ts";
import { useRefreshOnNewBlock } from "../../hooks/useRefreshOnNewBlock.ts";
import { OpenJobs } from "./OpenJobs.tsx";
import { RefundsReceived } from "./RefundsReceived.tsx";
import { SettledJobsTable } from "../../components/SettledJobsTable.tsx";

import type { JobView } from "../../../protocol/views.ts";

const NONE: readonly JobView[] = [];

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
  // Refreshes the balance and the lists; the chain's job index follows the chain's events on its own.
  const block = useRefreshOnNewBlock();
  const qc = useReadQcPage(address);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Query client</h1>
      <BalanceCard />
      <Section title={`Open jobs addressed to me (${qc.open.pager.total})`} testId="qc-open-jobs">
        <HistorySourceNote source={qc.source} />
        {qc.isLoading && <Empty>Loading jobs…</Empty>}
        {qc.error && <Empty>Could not read the jobs: {qc.error.message}</Empty>}
        {qc.open.jobs && qc.open.pager.total === 0 && (
          <Empty>No open job is addressed to you. The GDS places orders for you.</Empty>
        )}
        <OpenJobs jobs={qc.open.jobs ?? NONE} pager={qc.open.pager} block={block} />
      </Section>
      <Section title={`Settled jobs (${qc.settled.pager.total})`}>
        <SettledJobsTable jobs={qc.settled.rows} pager={qc.settled.pager} />
      </Section>
      {address && <RefundsReceived refunds={qc.refunds} />}
    </div>
  );
}
