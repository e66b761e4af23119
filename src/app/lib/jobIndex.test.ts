import { describe, expect, it } from "vitest";
import { jobIdsIn, mergeJobs } from "./jobIndex.ts";
import { jobView } from "../../protocol/testing/viewData.ts";
import { marketLog } from "./testLogs.ts";

const A = "0xaaaa4567e89b42d3a456426614174000";
const B = "0xbbbb4567e89b42d3a456426614174000";
const C = "0xcccc4567e89b42d3a456426614174000";

describe("job index", () => {
  it("finds the jobs that events touched, once each", () => {
    const logs = [
      marketLog("QuerySubmitted", {
        id: B,
        qc: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        amount: 1n,
        totalPaid: 1n,
      }),
      marketLog("Heartbeat", { node: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", blockNumber: 3n }),
      marketLog("JobSettled", { id: A, finalState: 4 }),
      marketLog("JobSettled", { id: B, finalState: 6 }),
    ];
    expect(jobIdsIn(logs)).toEqual([B, A]);
  });

  it("replaces known jobs in place and appends new ones", () => {
    const jobs = [jobView({ id: A, paid: 1n }), jobView({ id: B, paid: 2n })];
    const merged = mergeJobs(jobs, [
      jobView({ id: C, paid: 3n }),
      jobView({ id: A, paid: 9n }),
      jobView({ id: B, state: 0 }),
    ]);
    expect(merged.map((j) => [j.id, j.paid])).toEqual([
      [A, 9n],
      [B, 2n],
      [C, 3n],
    ]);
    expect(jobs[0].paid).toBe(1n);
  });
});
