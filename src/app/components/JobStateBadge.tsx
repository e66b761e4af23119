import { jobStateName } from "../../protocol/enums.ts";

// One tone per job state of docs/rules.md §4, indexed by the state number.
const tones = [
  "bg-slate-100 text-slate-700",
  "bg-sky-100 text-sky-800",
  "bg-indigo-100 text-indigo-800",
  "bg-amber-100 text-amber-800",
  "bg-teal-100 text-teal-800",
  "bg-red-100 text-red-800",
  "bg-slate-200 text-slate-700",
  "bg-orange-100 text-orange-800", // 7 Judged: a GDS judgement, open to challenge
  "bg-fuchsia-100 text-fuchsia-800", // 8 Challenged: waiting for the arbiter
];

export function JobStateBadge({ state }: { state: number }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${tones[state] ?? tones[0]}`}>
      {jobStateName(state)}
    </span>
  );
}
