import { describe, expect, it } from "vitest";
import { isProgressCurrent, lifecycleOf, timeoutDueBlock, type ProgressRead } from "./progressStamp.ts";
import { jobView, participant } from "../../protocol/testing/viewData.ts";

const job = jobView({ state: 2, params: { ...jobView().params, timeoutBlocks: 10 } });

function read(over: Partial<ProgressRead> = {}): ProgressRead {
  return {
    participants: [participant({ lastSeen: 20n }), participant({ lastSeen: 25n })],
    readAt: 30n,
    lifecycle: lifecycleOf(job),
    ...over,
  };
}

describe("timeoutDueBlock", () => {
  it("is the first block past the oldest lastSeen + timeout, among those that can still time out", () => {
    expect(timeoutDueBlock(job, read().participants)).toBe(31n);
    const parts = [participant({ lastSeen: 20n, partComplete: true }), participant({ lastSeen: 25n })];
    expect(timeoutDueBlock(job, parts)).toBe(36n);
    expect(timeoutDueBlock(job, [participant({ lastSeen: 20n, timedOut: true })])).toBeUndefined();
  });

  it("blocks alone change nothing unless the job is dispatched", () => {
    expect(timeoutDueBlock({ ...job, state: 3 }, read().participants)).toBeUndefined();
  });
});

describe("isProgressCurrent", () => {
  it("holds on a quiet block", () => {
    expect(isProgressCurrent(read(), job, 12n, 30n)).toBe(true);
  });

  it("a log after the read, a new lifecycle, a timeout come due or no read at all call for a read", () => {
    expect(isProgressCurrent(read(), job, 31n, 31n)).toBe(false);
    expect(isProgressCurrent(read(), { ...job, replacements: 1 }, 0n, 30n)).toBe(false);
    expect(isProgressCurrent(read(), job, 0n, 31n)).toBe(false);
    expect(isProgressCurrent(undefined, job, 0n, 30n)).toBe(false);
  });
});
