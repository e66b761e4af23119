import { useMemo } from "react";
import type { Address } from "viem";
import { Coin } from "../../components/Coin.tsx";
import { JobLink } from "../../components/JobLink.tsx";
import { ScrollBox } from "../../components/ScrollBox.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { useMarketLogs } from "../../hooks/useMarketLogs.ts";
import { ListPager } from "./ListPager.tsx";
import { usePageRows } from "../../hooks/usePageRows.ts";
import { creditsTo } from "../../lib/settlement.ts";
import { HistorySourceNote } from "../../components/HistorySourceNote.tsx";
import { refundsHistory } from "../../indexer/historyRequests.ts";
import { TABLE_PAGE } from "./qcJobs.ts";

/** Every refund of a QC payment made to `account`, newest first, a page at a time. */
export function RefundsReceived({ account }: { account: Address }) {
  const request = useMemo(() => refundsHistory(account), [account]);
  const { logs, isLoading, source } = useMarketLogs({ request });
  const refunds = useMemo(() => creditsTo(logs ?? [], account).reverse(), [logs, account]);
  const page = usePageRows(refunds, TABLE_PAGE);
  return (
    <Section title="Refunds received" testId="qc-refunds">
      <HistorySourceNote source={source} />
      {isLoading && <Empty>Reading refunds…</Empty>}
      {logs && refunds.length === 0 && <Empty>No refunds yet.</Empty>}
      {refunds.length > 0 && (
        <ScrollBox label="Table of refunds">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 font-medium">Job</th>
                <th className="font-medium">Block</th>
                <th className="text-right font-medium">Amount</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.key} className="border-t border-slate-100" data-testid={`refund-${r.id}`}>
                  <td className="py-1">
                    <JobLink id={r.id} />
                  </td>
                  <td className="tabular-nums">{String(r.blockNumber)}</td>
                  <td className="text-right">
                    <Coin wei={r.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      <ListPager page={page} label="refunds" />
    </Section>
  );
}
