import { useMemo } from "react";
import { Coin } from "../../components/Coin.tsx";
import { JobState, isSettled, jobStateNames } from "../../../protocol/enums.ts";
import type { JobView } from "../../../protocol/views.ts";

const shownStates = [
  JobState.Ordered,
  JobState.Dispatched,
  JobState.Aborting,
  JobState.Judged,
  JobState.Challenged,
  JobState.Completed,
  JobState.Failed,
];

/** Counts per state and the money the market holds for open jobs. */
export function Overview({ jobs, block }: { jobs: readonly JobView[]; block: bigint | undefined }) {
  const { counts, escrow } = useMemo(() => {
    const counts = new Array<number>(jobStateNames.length).fill(0);
    let escrow = 0n;
    for (const job of jobs) {
      counts[job.state] = (counts[job.state] ?? 0) + 1;
      if (!isSettled(job.state)) escrow += job.paid;
    }
    return { counts, escrow };
  }, [jobs]);
  return (
    <dl
      className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-4 lg:grid-cols-10"
      data-testid="dashboard-overview"
    >
      <div>
        <dt className="text-xs text-slate-500">Block</dt>
        <dd className="tabular-nums" data-testid="dashboard-block">
          {block === undefined ? "…" : String(block)}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-slate-500">Jobs</dt>
        <dd data-testid="dashboard-job-count">{jobs.length}</dd>
      </div>
      {shownStates.map((s) => (
        <div key={s}>
          <dt className="text-xs text-slate-500">{jobStateNames[s]}</dt>
          <dd data-testid={`dashboard-count-${s}`}>{counts[s]}</dd>
        </div>
      ))}
      <div>
        <dt className="text-xs text-slate-500">QC money held</dt>
        <dd>
          <Coin wei={escrow} testId="dashboard-escrow" />
        </dd>
      </div>
    </dl>
  );
}
