import { describe, expect, it } from "vitest";
import { ALL, JobType, Role, Status, TaskType } from "../../protocol/enums.ts";
import { allowedTaskTypes, isNotBehind, validateStatus } from "./statusChoices.ts";

const s = (taskType: number, epoch: number, batch: number, status: number = Status.InProgress) => ({
  taskType,
  epoch,
  batch,
  status,
});

describe("valid status choices (docs/rules.md §4)", () => {
  it("offers Training to horizontal DOs and Aggregation to horizontal MPCs", () => {
    expect(allowedTaskTypes({ jobType: JobType.Horizontal, role: Role.DO, totalEpochs: 3 })).toEqual([
      TaskType.Training,
    ]);
    expect(allowedTaskTypes({ jobType: JobType.Horizontal, role: Role.MPC, totalEpochs: 3 })).toEqual([
      TaskType.Aggregation,
    ]);
  });

  it("offers PSI, then Training only after (PSI, ALL, ALL, Completed) in a vertical job", () => {
    const v = { jobType: JobType.Vertical, role: Role.MPC, totalEpochs: 3 };
    expect(allowedTaskTypes(v)).toEqual([TaskType.PSI]);
    expect(allowedTaskTypes({ ...v, last: s(TaskType.PSI, 1, ALL, Status.Completed) })).toEqual([
      TaskType.PSI,
    ]);
    expect(allowedTaskTypes({ ...v, last: s(TaskType.PSI, ALL, ALL, Status.Completed) })).toEqual([
      TaskType.Training,
    ]);
  });

  it("bounds epochs, needs batch ALL with epoch ALL, and leaves PSI levels unbounded", () => {
    const h = { jobType: JobType.Horizontal, role: Role.DO, totalEpochs: 3 };
    expect(validateStatus(s(TaskType.Training, 2, 5), h).ok).toBe(true);
    expect(validateStatus(s(TaskType.Training, 3, 0), h)).toEqual({
      ok: false,
      error: "Epoch must be below 3 or ALL.",
    });
    expect(validateStatus(s(TaskType.Training, ALL, 0), h)).toEqual({
      ok: false,
      error: "Epoch ALL needs batch ALL.",
    });
    expect(validateStatus(s(TaskType.Training, ALL, ALL, Status.Completed), h).ok).toBe(true);
    expect(validateStatus(s(TaskType.Aggregation, 0, 0), h).ok).toBe(false);
    const v = { jobType: JobType.Vertical, role: Role.DO, totalEpochs: 3 };
    expect(validateStatus(s(TaskType.PSI, 7, 0), v).ok).toBe(true);
  });

  it("refuses going backwards but allows repeating", () => {
    expect(isNotBehind(s(0, 1, 4), s(0, 1, 5), JobType.Horizontal)).toBe(false);
    expect(isNotBehind(s(0, 1, 5), s(0, 1, 5), JobType.Horizontal)).toBe(true);
    expect(isNotBehind(s(0, 2, 0), s(0, 1, ALL), JobType.Horizontal)).toBe(true);
    expect(isNotBehind(s(0, 1, 0), s(0, ALL, ALL), JobType.Horizontal)).toBe(false);
    expect(isNotBehind(s(TaskType.Training, 0, 0), s(TaskType.PSI, ALL, ALL), JobType.Vertical)).toBe(true);
    expect(isNotBehind(s(TaskType.PSI, 0, 0), s(TaskType.Training, 0, 0), JobType.Vertical)).toBe(false);
  });
});
