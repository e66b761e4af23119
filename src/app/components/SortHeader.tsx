import type { SortDirection } from "../lib/tableQuery.ts";

interface Props<K extends string> {
  label: string;
  sortKey: K;
  current: { key: K; direction: SortDirection };
  onSort: (key: K) => void;
  align?: "left" | "right";
}

/** A column header that sorts the table; screen readers hear the order through aria-sort. */
export function SortHeader<K extends string>({ label, sortKey, current, onSort, align = "left" }: Props<K>) {
  const active = current.key === sortKey;
  return (
    <th
      scope="col"
      aria-sort={active ? (current.direction === "asc" ? "ascending" : "descending") : "none"}
      className={`px-2 py-1 font-medium ${align === "right" ? "text-right" : ""}`}
    >
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className="rounded hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-teal-500 focus-visible:outline-none"
      >
        {label} {active ? (current.direction === "asc" ? "▲" : "▼") : ""}
      </button>
    </th>
  );
}

/** Next sort state: the same column flips, a new column starts descending. */
export function nextSort<K extends string>(current: { key: K; direction: SortDirection }, key: K) {
  return {
    key,
    direction: current.key === key && current.direction === "desc" ? ("asc" as const) : ("desc" as const),
  };
}
