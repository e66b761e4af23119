import { describe, expect, it } from "vitest";
import { filterJobs, filterNodes, jobSortKeys, nodeRows, pageOf, sortBy } from "./tableQuery.ts";
import { jobView, nodeView } from "../../protocol/testing/viewData.ts";

const jobs = [
  jobView({ id: "0xaaaa4567e89b42d3a456426614174000", state: 1, paid: 5n, orderedAt: 3n }),
  jobView({ id: "0xbbbb4567e89b42d3a456426614174000", state: 2, jobType: 1, paid: 9n, orderedAt: 1n }),
  jobView({
    id: "0xcccc4567e89b42d3a456426614174000",
    state: 2,
    paid: 1n,
    orderedAt: 2n,
    qc: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  }),
];

describe("jobs table", () => {
  it("filters by state, type and text (id prefix in either form, QC or GDS)", () => {
    expect(filterJobs(jobs, { state: 2, jobType: "all", text: "" }).map((j) => j.paid)).toEqual([9n, 1n]);
    expect(filterJobs(jobs, { state: "all", jobType: 1, text: "" }).map((j) => j.paid)).toEqual([9n]);
    expect(
      filterJobs(jobs, { state: "all", jobType: "all", text: "bbbb4567-e89b" }).map((j) => j.paid),
    ).toEqual([9n]);
    expect(filterJobs(jobs, { state: "all", jobType: "all", text: "0xcccc" }).map((j) => j.paid)).toEqual([
      1n,
    ]);
    expect(filterJobs(jobs, { state: "all", jobType: "all", text: "90f79b" }).map((j) => j.paid)).toEqual([
      1n,
    ]);
  });

  it("sorts stably in both directions without touching the input", () => {
    expect(sortBy(jobs, jobSortKeys.paid, "desc").map((j) => j.paid)).toEqual([9n, 5n, 1n]);
    expect(sortBy(jobs, jobSortKeys.ordered, "asc").map((j) => j.orderedAt)).toEqual([1n, 2n, 3n]);
    expect(sortBy(jobs, jobSortKeys.state, "asc").map((j) => j.paid)).toEqual([5n, 9n, 1n]);
    expect(jobs[0].paid).toBe(5n);
  });

  it("pages, clamping the page number", () => {
    const rows = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(rows, 2, 50)).toEqual({ rows: rows.slice(100), pages: 3, page: 2 });
    expect(pageOf(rows, 9, 50).page).toBe(2);
    expect(pageOf([], 0, 50)).toEqual({ rows: [], pages: 1, page: 0 });
  });
});

describe("nodes table", () => {
  it("drops deregistered nodes and computes liveness from the chain", () => {
    const rows = nodeRows(
      [
        nodeView({ lastHeartbeat: 990n }),
        nodeView({ role: 0 }),
        nodeView({ lastHeartbeat: 0n, role: 1 }),
        nodeView({ lastHeartbeat: 1n }),
      ],
      1000n,
      100,
    );
    expect(rows.map((r) => r.liveness)).toEqual(["online", "never", "timed out"]);
    expect(filterNodes(rows, { role: 1, liveness: "all", text: "" })).toHaveLength(1);
    expect(filterNodes(rows, { role: "all", liveness: "timed out", text: "" })[0].age).toBe(999n);
  });
});
