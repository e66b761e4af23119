import { encodeFunctionData } from "viem";
import { describe, expect, it } from "vitest";
import { jobMarket } from "../config/contracts.ts";
import type { JobId } from "../../protocol/jobId.ts";
import type { JobView, ParticipantView } from "../../protocol/views.ts";
import { automaticCallOf, waitingWork } from "./useWatcherActivity.ts";

const ID = "0x000000000000000000000000000000aa" as JobId;
const DO = "0x0000000000000000000000000000000000000d01" as const;

function job(overrides: Partial<JobView>): JobView {
  return {
    id: ID,
    state: 2,
    orderedAt: 10n,
    abortedAt: 0n,
    params: { timeoutBlocks: 20, orderExpiryBlocks: 30, abortGraceBlocks: 5 },
    ...overrides,
  } as unknown as JobView;
}

const participant = (timedOut: boolean, lastSeen: bigint) =>
  ({ account: DO, timedOut, lastSeen }) as unknown as ParticipantView;

describe("waitingWork", () => {
  it("counts a timed-out participant from the first block past lastSeen + timeoutBlocks", () => {
    const progress = new Map([[ID, [participant(true, 100n), participant(false, 130n)]]]);
    expect(waitingWork([job({})], progress, 125n)).toEqual({ count: 1, oldestBlocks: 4n });
  });

  it("counts an unsettled abort from its block and an expired order from its expiry", () => {
    const jobs = [job({ state: 3, abortedAt: 200n }), job({ state: 1, orderedAt: 150n })];
    expect(waitingWork(jobs, undefined, 205n)).toEqual({ count: 2, oldestBlocks: 25n });
  });

  it("counts a judgement from its deadline: the challenge window (Judged), the arbitration (Challenged)", () => {
    const deadlines = { challengeDeadline: 300n, arbitrationDeadline: 350n };
    const jobs = [job({ state: 7, ...deadlines }), job({ state: 8, ...deadlines })];
    expect(waitingWork(jobs, undefined, 299n)).toEqual({ count: 0, oldestBlocks: 0n });
    expect(waitingWork(jobs, undefined, 310n)).toEqual({ count: 1, oldestBlocks: 10n });
    expect(waitingWork(jobs, undefined, 352n)).toEqual({ count: 2, oldestBlocks: 52n });
  });

  it("is empty when nothing is due: a live order, finished jobs", () => {
    const jobs = [job({ state: 1, orderedAt: 190n }), job({ state: 5 }), job({ state: 6 })];
    expect(waitingWork(jobs, undefined, 200n)).toEqual({ count: 0, oldestBlocks: 0n });
  });
});

describe("automaticCallOf", () => {
  const call = (functionName: string, args: readonly unknown[]) =>
    encodeFunctionData({ abi: jobMarket.abi, functionName, args } as never);

  it("recognises the watcher's four calls", () => {
    expect(automaticCallOf(call("settleJudgement", [ID]))).toBe("settleJudgement");
    expect(automaticCallOf(call("reportFailure", [ID, [DO], 1]))).toBe("reportFailure");
    expect(automaticCallOf(call("settleAbort", [ID]))).toBe("settleAbort");
    expect(automaticCallOf(call("cancelJob", [ID, 0n]))).toBe("cancelJob");
  });

  it("ignores a GDS's own judgement and other calls", () => {
    expect(automaticCallOf(call("reportFailure", [ID, [DO], 2]))).toBeUndefined();
    expect(automaticCallOf(call("heartbeat", []))).toBeUndefined();
    expect(automaticCallOf("0xdeadbeef")).toBeUndefined();
  });
});
