import { cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobId } from "../../protocol/jobId.ts";
import { jobView, participant } from "../../protocol/testing/viewData.ts";
import { topicWord } from "../lib/touches.ts";
import { useReadLiveProgresses } from "./useReadLiveProgresses.ts";

// The chain is stubbed: the block number, the touches the log watcher found, and the lens read.
const chain = vi.hoisted(() => ({
  block: 100n,
  touches: new Map<string, bigint>(),
  reads: [] as string[][],
}));
vi.mock("wagmi", () => ({ useConfig: () => ({}) }));
vi.mock("./useLatestBlock.ts", () => ({ useLatestBlock: () => chain.block }));
vi.mock("./useWatchTouches.ts", () => ({ useWatchTouches: () => chain.touches }));
vi.mock("./readLens.ts", () => ({
  readProgresses: async (_config: unknown, ids: readonly JobId[]) => {
    chain.reads.push([...ids]);
    return ids.map(() => [participant({ lastSeen: chain.block })]);
  },
}));

const A: JobId = "0x0000000000000000000000000000000a";
const B: JobId = "0x0000000000000000000000000000000b";
const timeoutBlocks = 50;
const jobs = [A, B].map((id) => jobView({ id, state: 2, params: { ...jobView().params, timeoutBlocks } }));

afterEach(() => {
  cleanup();
  chain.block = 100n;
  chain.touches = new Map();
  chain.reads = [];
});

async function settle() {
  // Let every pending read resolve and its state land.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe("useReadLiveProgresses", () => {
  it("reads the page's jobs in one call, then nothing on quiet blocks", async () => {
    const { result, rerender } = renderHook(() => useReadLiveProgresses(jobs));
    await waitFor(() => expect(result.current.data.size).toBe(2));
    expect(chain.reads).toEqual([[A, B]]);
    for (const block of [101n, 102n, 110n]) {
      chain.block = block;
      rerender();
      await settle();
    }
    expect(chain.reads).toHaveLength(1);
  });

  it("reads again only the job a block touched", async () => {
    const { result, rerender } = renderHook(() => useReadLiveProgresses(jobs));
    await waitFor(() => expect(result.current.data.size).toBe(2));
    chain.block = 101n;
    chain.touches = new Map([[topicWord(B, "id"), 101n]]);
    rerender();
    await waitFor(() => expect(chain.reads).toEqual([[A, B], [B]]));
    await settle();
    rerender();
    await settle();
    expect(chain.reads).toHaveLength(2);
  });

  it("a heartbeat of a participant touches its job", async () => {
    const { result, rerender } = renderHook(() => useReadLiveProgresses(jobs));
    await waitFor(() => expect(result.current.data.size).toBe(2));
    chain.block = 102n;
    chain.touches = new Map([[topicWord(participant().account, "account"), 102n]]);
    rerender();
    await waitFor(() => expect(chain.reads.at(-1)).toEqual([A, B]));
  });

  it("reads again when a participant's timeout comes due, and only then", async () => {
    const { result, rerender } = renderHook(() => useReadLiveProgresses(jobs));
    await waitFor(() => expect(result.current.data.size).toBe(2));
    chain.block = 100n + BigInt(timeoutBlocks);
    rerender();
    await settle();
    expect(chain.reads).toHaveLength(1);
    chain.block += 1n;
    rerender();
    await waitFor(() => expect(chain.reads).toHaveLength(2));
  });

  it("a job whose lifecycle changed (e.g. an MPC replaced) is read again", async () => {
    let shown = jobs;
    const { result, rerender } = renderHook(() => useReadLiveProgresses(shown));
    await waitFor(() => expect(result.current.data.size).toBe(2));
    shown = [jobs[0]!, { ...jobs[1]!, replacements: 1 }];
    rerender();
    await waitFor(() => expect(chain.reads.at(-1)).toEqual([B]));
  });
});
