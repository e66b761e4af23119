import type { Liveness } from "./liveness.ts";
import { livenessOf } from "./liveness.ts";
import type { JobView, NodeView } from "../../protocol/views.ts";

export type SortDirection = "asc" | "desc";

function compare(a: bigint | number | string, b: bigint | number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stable sort by `key`, without mutating the input (tables keep the chain's order as the tie-break). */
export function sortBy<T>(
  rows: readonly T[],
  key: (row: T) => bigint | number | string,
  direction: SortDirection,
): T[] {
  const sign = direction === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => sign * compare(key(x.row), key(y.row)) || x.index - y.index)
    .map(({ row }) => row);
}

export interface JobFilter {
  state: number | "all";
  jobType: number | "all";
  /** Matches the start of the id (hex or UUID form) or any part of the QC or GDS address. */
  text: string;
}

export function filterJobs(jobs: readonly JobView[], filter: JobFilter): JobView[] {
  const text = filter.text.trim().toLowerCase().replaceAll("-", "");
  return jobs.filter(
    (job) =>
      (filter.state === "all" || job.state === filter.state) &&
      (filter.jobType === "all" || job.jobType === filter.jobType) &&
      (text === "" ||
        job.id.slice(2).startsWith(text.replace(/^0x/, "")) ||
        job.qc.toLowerCase().includes(text) ||
        job.gds.toLowerCase().includes(text)),
  );
}

export const jobSortKeys = {
  ordered: (j: JobView) => j.orderedAt,
  state: (j: JobView) => j.state,
  type: (j: JobView) => j.jobType,
  price: (j: JobView) => (j.mpcsAssigned ? j.totalPrice : j.quote),
  paid: (j: JobView) => j.paid,
  collateral: (j: JobView) => j.collateral,
} as const;
export type JobSortKey = keyof typeof jobSortKeys;

export interface NodeRow extends NodeView {
  liveness: Liveness;
  age: bigint;
}

/** Registered nodes with their liveness at `block`. */
export function nodeRows(nodes: readonly NodeView[], block: bigint, timeoutBlocks: number): NodeRow[] {
  return nodes
    .filter((n) => n.role !== 0)
    .map((n) => ({
      ...n,
      liveness: livenessOf(n.lastHeartbeat, block, timeoutBlocks),
      age: n.lastHeartbeat === 0n ? -1n : block - n.lastHeartbeat,
    }));
}

export interface NodeFilter {
  role: number | "all";
  liveness: Liveness | "all";
  text: string;
}

export function filterNodes(rows: readonly NodeRow[], filter: NodeFilter): NodeRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter(
    (n) =>
      (filter.role === "all" || n.role === filter.role) &&
      (filter.liveness === "all" || n.liveness === filter.liveness) &&
      (text === "" || n.account.toLowerCase().includes(text)),
  );
}

export const nodeSortKeys = {
  account: (n: NodeRow) => n.account.toLowerCase(),
  role: (n: NodeRow) => n.role,
  free: (n: NodeRow) => n.balance,
  locked: (n: NodeRow) => n.locked,
  heartbeat: (n: NodeRow) => (n.age < 0n ? 1n << 64n : n.age),
  jobs: (n: NodeRow) => n.activeJobs,
} as const;
export type NodeSortKey = keyof typeof nodeSortKeys;

/** Rows of page `page` (0-based) of `size`, and how many pages there are. */
export function pageOf<T>(
  rows: readonly T[],
  page: number,
  size: number,
): { rows: T[]; pages: number; page: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { rows: rows.slice(current * size, (current + 1) * size), pages, page: current };
}
