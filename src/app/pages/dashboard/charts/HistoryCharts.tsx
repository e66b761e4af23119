// The dashboard's pictures, from the indexer's history (lazy-loaded: not part of the first load).
// Plain SVG: jobs by state and the money held over time, fines and rewards per day, node liveness.
import { Coin } from "../../../components/Coin.tsx";
import { Empty, Section } from "../../../components/Section.tsx";
import { jobStateNames, roleName } from "../../../../protocol/enums.ts";
import { livenessOf, type Liveness } from "../../../lib/liveness.ts";
import { dayLabel, maxOf, shareOf } from "./scale.ts";
import { type ChartDay, type ChartNode, useReadIndexedCharts } from "./useReadIndexedCharts.ts";

/** Days shown, newest last. */
const DAYS = 60;
const W = 600;
const H = 140;
const STATE_COLORS = [
  "",
  "#94a3b8",
  "#0d9488",
  "#f59e0b",
  "#22c55e",
  "#ef4444",
  "#64748b",
  "#a855f7",
  "#ec4899",
];
const LIVENESS_COLORS: Record<Liveness, string> = {
  online: "#22c55e",
  late: "#f59e0b",
  "timed out": "#ef4444",
  never: "#cbd5e1",
};

function Legend({ items }: { items: { label: string; color: string }[] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-3 text-xs text-slate-600">
      {items.map((i) => (
        <li key={i.label} className="flex items-center gap-1">
          <span className="inline-block h-2 w-2 rounded-sm" style={{ background: i.color }} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

function JobsAndEscrow({ days }: { days: ChartDay[] }) {
  const step = W / Math.max(days.length, 1);
  const maxJobs = Math.max(1, ...days.map((d) => d.jobsByState.reduce((a, b) => a + b, 0)));
  const held = days.map((d) => d.escrow + d.bonds);
  const maxHeld = maxOf(held);
  const line = held
    .map((v, i) => `${(i + 0.5) * step},${(H - shareOf(v, maxHeld) * (H - 4)).toFixed(1)}`)
    .join(" ");
  return (
    <figure data-testid="chart-jobs-escrow">
      <figcaption className="text-sm font-medium">
        Jobs by state, and money held in escrow, per day
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-36 w-full" role="img" aria-label="Jobs by state per day">
        {days.map((d, i) => {
          let y = H;
          return d.jobsByState.map((count, state) => {
            if (count === 0) return null;
            const h = (count / maxJobs) * (H - 4);
            y -= h;
            return (
              <rect
                key={`${d.day}-${state}`}
                x={i * step + 1}
                y={y}
                width={Math.max(step - 2, 1)}
                height={h}
                fill={STATE_COLORS[state]}
              >
                <title>{`${dayLabel(d.day)}: ${count} ${jobStateNames[state]}`}</title>
              </rect>
            );
          });
        })}
        <polyline points={line} fill="none" stroke="#0f172a" strokeWidth={1.5} />
      </svg>
      <Legend
        items={[
          ...jobStateNames.flatMap((name, s) => (s === 0 ? [] : [{ label: name, color: STATE_COLORS[s]! }])),
          { label: "held (line)", color: "#0f172a" },
        ]}
      />
      <p className="text-xs text-slate-500">
        Held at most <Coin wei={maxHeld} /> (QC payments and judgement bonds); at most {maxJobs} jobs.
      </p>
    </figure>
  );
}

function FinesAndRewards({ days }: { days: ChartDay[] }) {
  const step = W / Math.max(days.length, 1);
  const max = maxOf(days.flatMap((d) => [d.fined, d.rewarded]));
  const bar = Math.max(step / 2 - 1, 1);
  return (
    <figure data-testid="chart-fines-rewards">
      <figcaption className="text-sm font-medium">Fines and rewards per day</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-36 w-full"
        role="img"
        aria-label="Fines and rewards per day"
      >
        {days.map((d, i) => {
          const fined = shareOf(d.fined, max) * (H - 4);
          const rewarded = shareOf(d.rewarded, max) * (H - 4);
          return (
            <g key={d.day}>
              <rect x={i * step + 1} y={H - rewarded} width={bar} height={rewarded} fill="#0d9488">
                <title>{`${dayLabel(d.day)}: rewarded`}</title>
              </rect>
              <rect x={i * step + 1 + bar} y={H - fined} width={bar} height={fined} fill="#ef4444">
                <title>{`${dayLabel(d.day)}: fined`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <Legend
        items={[
          { label: "rewarded", color: "#0d9488" },
          { label: "fined", color: "#ef4444" },
        ]}
      />
      <p className="text-xs text-slate-500">
        Highest day: <Coin wei={max} />.
      </p>
    </figure>
  );
}

function NodeLiveness({
  nodes,
  block,
  timeoutBlocks,
}: {
  nodes: ChartNode[];
  block: bigint;
  timeoutBlocks: number;
}) {
  const registered = nodes.filter((n) => n.role !== 0);
  return (
    <figure data-testid="chart-liveness">
      <figcaption className="text-sm font-medium">Node liveness at a glance</figcaption>
      <div className="mt-1 flex flex-wrap gap-1">
        {registered.map((n) => {
          const liveness = livenessOf(n.lastHeartbeatBlock, block, timeoutBlocks);
          return (
            <span
              key={n.account}
              className="inline-block h-4 w-4 rounded-sm"
              style={{ background: LIVENESS_COLORS[liveness] }}
              title={`${roleName(n.role)} ${n.account}: ${liveness}, ${n.activeJobs} active jobs`}
              data-liveness={liveness}
            />
          );
        })}
      </div>
      <Legend items={Object.entries(LIVENESS_COLORS).map(([label, color]) => ({ label, color }))} />
    </figure>
  );
}

/** The three pictures; `block` and `timeoutBlocks` are the chain's (liveness is judged against its clock). */
export default function HistoryCharts({
  block,
  timeoutBlocks,
}: {
  block: bigint | undefined;
  timeoutBlocks: number | undefined;
}) {
  const charts = useReadIndexedCharts();
  const days = (charts.data?.days ?? []).slice(-DAYS);
  return (
    <Section title="History" testId="dashboard-charts">
      {charts.isLoading && <Empty>Reading the indexer's history…</Empty>}
      {charts.error && <Empty>The indexer did not answer: {charts.error.message}</Empty>}
      {charts.data && (
        <div className="grid gap-4 lg:grid-cols-3">
          <JobsAndEscrow days={days} />
          <FinesAndRewards days={days} />
          {block !== undefined && timeoutBlocks !== undefined && (
            <NodeLiveness nodes={charts.data.nodes} block={block} timeoutBlocks={timeoutBlocks} />
          )}
        </div>
      )}
    </Section>
  );
}
