import { useMemo, useState } from "react";
import { AddressText } from "../../components/AddressText.tsx";
import { Coin } from "../../components/Coin.tsx";
import { Field } from "../../components/Field.tsx";
import { Pager } from "../../components/Pager.tsx";
import { Empty, Section } from "../../components/Section.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { SortHeader, nextSort } from "../../components/SortHeader.tsx";
import { roleName } from "../../../protocol/enums.ts";
import type { Liveness } from "../../lib/liveness.ts";
import {
  filterNodes,
  nodeRows,
  nodeSortKeys,
  pageOf,
  sortBy,
  type NodeFilter,
  type NodeSortKey,
  type SortDirection,
} from "../../lib/tableQuery.ts";
import type { NodeView } from "../../../protocol/views.ts";

const PAGE_SIZE = 50;
const livenessTone: Record<Liveness, string> = {
  online: "text-teal-700",
  late: "text-amber-700",
  "timed out": "font-semibold text-red-700",
  never: "text-slate-500",
};

interface Props {
  nodes: readonly NodeView[] | undefined;
  block: bigint | undefined;
  timeoutBlocks: number | undefined;
}

/** Every registered node: role, free and locked stake, heartbeat age and liveness. */
export function NodesTable({ nodes, block, timeoutBlocks }: Props) {
  const [filter, setFilter] = useState<NodeFilter>({ role: "all", liveness: "all", text: "" });
  const [sort, setSort] = useState<{ key: NodeSortKey; direction: SortDirection }>({
    key: "heartbeat",
    direction: "desc",
  });
  const [page, setPage] = useState(0);
  const rows = useMemo(
    () =>
      nodes && block !== undefined && timeoutBlocks !== undefined
        ? nodeRows(nodes, block, timeoutBlocks)
        : undefined,
    [nodes, block, timeoutBlocks],
  );
  const shown = useMemo(
    () => sortBy(filterNodes(rows ?? [], filter), nodeSortKeys[sort.key], sort.direction),
    [rows, filter, sort],
  );
  const current = pageOf(shown, page, PAGE_SIZE);
  const onSort = (key: NodeSortKey) => setSort((s) => nextSort(s, key));
  const update = (patch: Partial<NodeFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  return (
    <Section title="Nodes" testId="dashboard-nodes">
      <div className="mb-3 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <SelectField
          label="Role"
          value={String(filter.role)}
          onChange={(v) => update({ role: v === "all" ? "all" : Number(v) })}
          options={[
            { value: "all", label: "All" },
            { value: "1", label: "DO" },
            { value: "2", label: "MPC" },
          ]}
          testId="filter-role"
        />
        <SelectField
          label="Liveness"
          value={filter.liveness}
          onChange={(v) => update({ liveness: v as NodeFilter["liveness"] })}
          options={["all", "online", "late", "timed out", "never"].map((v) => ({
            value: v,
            label: v === "all" ? "All" : v,
          }))}
          testId="filter-liveness"
        />
        <Field
          label="Search address"
          value={filter.text}
          onChange={(text) => update({ text })}
          data-testid="filter-node-text"
        />
      </div>
      {!rows ? (
        <Empty>Reading nodes…</Empty>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr>
                  <SortHeader label="Node" sortKey="account" current={sort} onSort={onSort} />
                  <SortHeader label="Role" sortKey="role" current={sort} onSort={onSort} />
                  <SortHeader label="Free" sortKey="free" current={sort} onSort={onSort} align="right" />
                  <SortHeader label="Locked" sortKey="locked" current={sort} onSort={onSort} align="right" />
                  <SortHeader
                    label="Active jobs"
                    sortKey="jobs"
                    current={sort}
                    onSort={onSort}
                    align="right"
                  />
                  <SortHeader
                    label="Last heartbeat"
                    sortKey="heartbeat"
                    current={sort}
                    onSort={onSort}
                    align="right"
                  />
                  <th scope="col" className="px-2 font-medium">
                    Liveness
                  </th>
                </tr>
              </thead>
              <tbody>
                {current.rows.map((n) => (
                  <tr
                    key={n.account}
                    className="border-t border-slate-100"
                    data-testid={`node-row-${n.account.toLowerCase()}`}
                  >
                    <td className="px-2 py-1">
                      <AddressText address={n.account} />
                    </td>
                    <td className="px-2">{roleName(n.role)}</td>
                    <td className="px-2 text-right">
                      <Coin wei={n.balance} />
                    </td>
                    <td className="px-2 text-right">
                      <Coin wei={n.locked} />
                    </td>
                    <td className="px-2 text-right">{n.activeJobs}</td>
                    <td className="px-2 text-right text-xs tabular-nums">
                      {n.age < 0n ? "never" : `${n.age} blocks ago`}
                    </td>
                    <td className={`px-2 text-xs ${livenessTone[n.liveness]}`}>{n.liveness}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.length === 0 && <Empty>No node matches.</Empty>}
          <Pager
            page={current.page}
            pages={current.pages}
            total={shown.length}
            onPage={setPage}
            label="nodes"
          />
        </>
      )}
    </Section>
  );
}
