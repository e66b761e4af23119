import { useMemo } from "react";
import { AddressText } from "../../components/AddressText.tsx";
import { Coin } from "../../components/Coin.tsx";
import { Section } from "../../components/Section.tsx";
import { JobState, failureReasonName } from "../../../protocol/enums.ts";
import type { MarketLog } from "../../lib/marketLogs.ts";
import { accountRoles, settlementOutcomes } from "../../lib/settlement.ts";
import { formatBps } from "../../../protocol/units.ts";
import type { JobView } from "../../../protocol/views.ts";

function why(job: JobView): string {
  if (job.state === JobState.Completed) {
    return "The job completed: every DO and current MPC was paid its fee, the GDS its fee, and the QC got back what it paid above the total. All collateral was unlocked.";
  }
  if (job.state === JobState.Cancelled) {
    return job.dispatchedAt === 0n
      ? "The order was cancelled before dispatch: the QC got everything back, no fine, all collateral unlocked."
      : `The QC cancelled after dispatch: ${formatBps(job.params.cancelFineBps)} of the total price went to the DOs, MPCs and GDS in proportion to their fees; the QC got the rest back. All collateral was unlocked.`;
  }
  if (job.judgedAt > 0n) {
    return job.challenger === "0x0000000000000000000000000000000000000000"
      ? "The GDS's judgement was not challenged within the window and settled as upheld: the QC got back everything it paid, each offender lost part of its collateral, good DOs were compensated first from those fines and the rest was split between the GDS, the good MPCs and the good DOs. The bond went back to the GDS."
      : "The judgement was challenged and settled by the arbiter's ruling (or as overturned when it did not rule in time): upheld participants were fined, overturned ones count as good participants and share the part of the GDS's bond that matches them; the QC got back everything it paid.";
  }
  return "The job failed: the QC got back everything it paid. Each offender lost part of its collateral; good DOs were compensated first from those fines, and the rest was split between the GDS, the good MPCs and the good DOs.";
}

/** Who got what at settlement and why, from the job's RewardDistributed, Refund and Fined events. */
export function SettlementBreakdown({ job, logs }: { job: JobView; logs: readonly MarketLog[] }) {
  const outcomes = useMemo(() => settlementOutcomes(logs), [logs]);
  const roles = useMemo(() => accountRoles(logs, job), [logs, job]);
  return (
    <Section title="Settlement" testId="settlement-breakdown">
      <p className="mb-3 text-sm">{why(job)}</p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">Account</th>
              <th className="font-medium">Part</th>
              <th className="text-right font-medium">Credited (fee, compensation, share)</th>
              <th className="text-right font-medium">Refunded</th>
              <th className="text-right font-medium">Fined</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map((o) => (
              <tr
                key={o.account}
                className="border-t border-slate-100"
                data-testid={`outcome-${o.account.toLowerCase()}`}
              >
                <td className="py-1">
                  <AddressText address={o.account} />
                </td>
                <td>{roles.get(o.account.toLowerCase()) ?? "—"}</td>
                <td className="text-right">{o.rewarded > 0n ? <Coin wei={o.rewarded} /> : "—"}</td>
                <td className="text-right">{o.refunded > 0n ? <Coin wei={o.refunded} /> : "—"}</td>
                <td className={`text-right ${o.fined > 0n ? "text-red-700" : ""}`}>
                  {o.fined > 0n ? (
                    <>
                      <Coin wei={o.fined} /> ({failureReasonName(o.fineReason ?? 0)})
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
