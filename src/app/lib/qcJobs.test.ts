import { describe, expect, it } from "vitest";
import { jobView } from "../../protocol/testing/viewData.ts";
import { qcJobsOf } from "./qcJobs.ts";

const QC = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const OTHER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const id = (n: number) => `0x${n.toString(16).padStart(32, "0")}` as const;

describe("qcJobsOf", () => {
  it("keeps the account's jobs only, open and settled apart, newest first", () => {
    const jobs = [
      jobView({ id: id(1), state: 1 }),
      jobView({ id: id(2), state: 4 }),
      jobView({ id: id(3), state: 2, qc: OTHER }),
      jobView({ id: id(4), state: 3 }),
      jobView({ id: id(5), state: 6 }),
    ];
    const { open, settled } = qcJobsOf(jobs, QC.toLowerCase() as `0x${string}`);
    expect(open.map((j) => j.id)).toEqual([id(4), id(1)]);
    expect(settled.map((j) => j.id)).toEqual([id(5), id(2)]);
  });

  it("has nothing for no account", () => {
    expect(qcJobsOf([jobView()], undefined)).toEqual({ open: [], settled: [] });
  });
});
