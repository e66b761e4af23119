import { describe, expect, it } from "vitest";
import { ALL, JobType, Role, Status, TaskType } from "../../protocol/enums.ts";
import { checkPosition, kindOf, parsePosition, type Position } from "./position.ts";
import { ProgressQueue } from "./queue.ts";
import { heartbeatDueAt, jobsNeedingHeartbeat } from "./heartbeat.ts";

const T = TaskType.Training;
const at = (epoch: number, batch: number, status: number = Status.InProgress): Position => ({
  taskType: T,
  epoch,
  batch,
  status,
});
const epochDone = (e: number) => at(e, ALL, Status.Completed);
const final = at(ALL, ALL, Status.Completed);
const chain0 = { lastStatus: undefined, completedEpochs: 0, partComplete: false, failed: false };

describe("positions", () => {
  it("parses names, numbers and ALL", () => {
    expect(parsePosition({ taskType: "training", epoch: "ALL", batch: "ALL", status: "Completed" })).toEqual({
      ok: true,
      value: final,
    });
    expect(parsePosition({ taskType: 0, epoch: "2", batch: 3, status: "In progress" })).toEqual({
      ok: true,
      value: at(2, 3),
    });
    expect(parsePosition({ taskType: 0, epoch: 1.5, batch: 3, status: 1 })).toMatchObject({
      ok: false,
      code: 400,
    });
  });
  it("says which positions must reach the chain", () => {
    expect(
      [
        final,
        epochDone(2),
        at(2, 3),
        at(2, ALL),
        { ...final, taskType: TaskType.PSI },
        at(1, 1, Status.Failed),
      ].map(kindOf),
    ).toEqual(["final", "epoch", "display", "display", "psiEnd", "failed"]);
  });
  it("checks the task, the range and the order", () => {
    const part = { jobType: JobType.Horizontal, role: Role.DO, totalEpochs: 3, psiDone: false };
    expect(checkPosition(at(1, 2), part, at(1, 3))).toMatchObject({ ok: false, code: 409 });
    expect(checkPosition(at(1, 3), part, at(1, 3))).toMatchObject({ ok: true });
    expect(checkPosition(at(3, 0), part, undefined)).toMatchObject({ ok: false, code: 400 });
    expect(checkPosition({ ...at(0, 0), taskType: TaskType.Aggregation }, part, undefined)).toMatchObject({
      ok: false,
      code: 400,
    });
    const vertical = { ...part, jobType: JobType.Vertical };
    expect(checkPosition(at(0, 0), vertical, undefined)).toMatchObject({
      ok: false,
      code: 400,
      error: expect.stringMatching(/PSI stage/),
    });
  });
});

describe("the progress queue", () => {
  it("merges display-only positions to the newest and throttles them per interval", () => {
    const q = new ProgressQueue();
    expect(q.add(at(0, 1))).toBeUndefined();
    expect(q.add(at(0, 2))).toEqual(at(0, 1));
    expect(q.next(0, 60_000)).toEqual(at(0, 2));
    q.sent(at(0, 2), 0);
    q.add(at(0, 3));
    expect(q.next(1, 60_000)).toBeUndefined(); // in flight
    q.landed({ ...chain0, lastStatus: at(0, 2) });
    expect(q.next(30_000, 60_000)).toBeUndefined(); // within the interval
    expect(q.next(60_000, 60_000)).toEqual(at(0, 3));
  });

  it("waits an interval after any position before a display-only one", () => {
    const q = new ProgressQueue();
    q.add(epochDone(0));
    q.sent(q.next(0, 60_000)!, 0);
    q.landed({ ...chain0, lastStatus: epochDone(0), completedEpochs: 1 });
    q.add(at(1, 0));
    expect(q.next(59_999, 60_000)).toBeUndefined();
    expect(q.next(60_000, 60_000)).toEqual(at(1, 0));
  });

  it("sends must-send positions in order, a higher completion superseding an epoch completion not yet sent", () => {
    const q = new ProgressQueue();
    q.add(at(0, 5));
    expect(q.add(epochDone(0))).toEqual(at(0, 5));
    q.sent(q.next(0, 60_000)!, 0);
    q.add(epochDone(1));
    expect(q.add(epochDone(2))).toEqual(epochDone(1));
    q.add(at(2, 1, Status.Failed));
    expect(q.queued()).toEqual([epochDone(2), at(2, 1, Status.Failed)]);
    expect(q.add(final)).toBeUndefined(); // after a Failed: the API refuses it; the queue keeps order
  });

  it("retries a must-send position the chain did not take, and forgets what it has", () => {
    const q = new ProgressQueue();
    q.add(epochDone(0));
    q.sent(q.next(0, 0)!, 0);
    q.landed(chain0); // reverted or dropped
    expect(q.next(0, 0)).toEqual(epochDone(0));
    q.sent(epochDone(0), 0);
    q.landed({ ...chain0, lastStatus: epochDone(0), completedEpochs: 1 });
    expect(q.queued()).toEqual([]);
    q.add(at(1, 0));
    expect(q.sync({ ...chain0, partComplete: true })).toBe(1);
  });

  it("keeps a Failed report until the chain shows it", () => {
    const q = new ProgressQueue();
    q.add(at(1, 0, Status.Failed));
    q.sync({ ...chain0, lastStatus: epochDone(1), completedEpochs: 2 });
    expect(q.queued()).toHaveLength(1);
    q.sync({ ...chain0, failed: true });
    expect(q.queued()).toHaveLength(0);
  });
});

describe("heartbeats", () => {
  const job = { id: "a", timeoutBlocks: 20, lastSeen: 100n, exposed: true, updateInFlight: false };
  it("are due timeoutBlocks - max(1, timeoutBlocks / 4) after lastSeen", () => {
    expect(heartbeatDueAt(job)).toBe(115n);
    expect(jobsNeedingHeartbeat(114n, [job])).toEqual([]);
    expect(jobsNeedingHeartbeat(115n, [job])).toEqual([job]);
    expect(heartbeatDueAt({ timeoutBlocks: 3, lastSeen: 10n })).toBe(12n);
  });
  it("skip a job an update in flight will refresh, unless it is one block from its deadline", () => {
    const updating = { ...job, updateInFlight: true };
    expect(jobsNeedingHeartbeat(115n, [updating])).toEqual([]);
    expect(jobsNeedingHeartbeat(119n, [updating])).toEqual([updating]);
    expect(jobsNeedingHeartbeat(200n, [{ ...job, exposed: false }])).toEqual([]);
  });
});
