import { Coin } from "../../components/Coin.tsx";
import { JobLink } from "../../components/JobLink.tsx";
import { ScrollBox } from "../../components/ScrollBox.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { HistorySourceNote } from "../../components/HistorySourceNote.tsx";
import type { PageNumber } from "../../hooks/usePageNumber.ts";
import type { HistorySource } from "../../indexer/history.ts";
import type { Credit } from "../../lib/settlement.ts";
import { ListPager } from "../../components/ListPager.tsx";

interface Refunds {
  /** A page of the refunds of QC payments made to the account, newest first. */
  rows: readonly Credit[];
  pager: PageNumber;
  loaded: boolean;
  source: HistorySource | undefined;
}

/** The refunds the QC received, a page at a time (useReadQcPage reads them). */
export function RefundsReceived({ refunds }: { refunds: Refunds }) {
  const { rows, pager, loaded, source } = refunds;
  return (
    <Section title={`Refunds received (${pager.total})`} testId="qc-refunds">
      <HistorySourceNote source={source} />
      {!loaded && <Empty>Reading refunds…</Empty>}
      {loaded && pager.total === 0 && <Empty>No refunds yet.</Empty>}
      {rows.length > 0 && (
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
              {rows.map((r) => (
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
      <ListPager page={pager} label="refunds" />
    </Section>
  );
}
