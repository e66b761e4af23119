import { describe, expect, it } from "vitest";
import { ALL } from "./constants.ts";
import { Status, TaskType } from "./enums.ts";
import {
  finalCompletionJob,
  gasLimitFor,
  isFinalCompletion,
  settlementGasAllowance,
  withGasMargin,
} from "./gas.ts";

describe("withGasMargin", () => {
  it("adds a quarter, rounded down, and 20k", () => {
    expect(withGasMargin(0n)).toBe(20_000n);
    expect(withGasMargin(100_000n)).toBe(145_000n);
    expect(withGasMargin(21_003n)).toBe(21_003n + 5_250n + 20_000n);
  });
});

describe("the settlement's gas for a final completion", () => {
  const final = { taskType: TaskType.Training, epoch: ALL, batch: ALL, status: Status.Completed };

  it("is 150k plus 15k per participant", () => {
    expect(settlementGasAllowance(2)).toBe(180_000n);
    expect(settlementGasAllowance(72)).toBe(1_230_000n);
  });

  it("applies to Training and Aggregation final completions only", () => {
    expect(isFinalCompletion(final)).toBe(true);
    expect(isFinalCompletion({ ...final, taskType: TaskType.Aggregation })).toBe(true);
    expect(isFinalCompletion({ ...final, taskType: TaskType.PSI })).toBe(false);
    expect(isFinalCompletion({ ...final, epoch: 3 })).toBe(false);
    expect(isFinalCompletion({ ...final, status: Status.InProgress })).toBe(false);
    expect(finalCompletionJob({ functionName: "updateJobStatus", args: ["0x01", final] })).toBe("0x01");
    expect(finalCompletionJob({ functionName: "heartbeat", args: [] })).toBeUndefined();
  });

  it("takes the larger of the estimate's margin and the allowance", () => {
    expect(gasLimitFor(50_000n)).toBe(82_500n);
    expect(gasLimitFor(50_000n, 2)).toBe(180_000n);
    expect(gasLimitFor(1_000_000n, 2)).toBe(1_270_000n);
  });
});
