import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { useWatcherActivity } from "../../hooks/useWatcherActivity.ts";
import { WatcherStatus } from "./WatcherStatus.tsx";

type Activity = ReturnType<typeof useWatcherActivity>;
const hook = vi.hoisted(() => ({ value: {} as Activity }));
vi.mock("../../hooks/useWatcherActivity.ts", () => ({ useWatcherActivity: () => hook.value }));
vi.mock("wagmi", () => ({ useAccount: () => ({ address: undefined }) }));

const GDS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const JOB = "0x3a71deeebe1403faa812b4507d0558b0";

function show(value: Partial<Activity>) {
  hook.value = {
    lastAction: null,
    waiting: { count: 0, oldestBlocks: 0n },
    block: 100n,
    isLoading: false,
    ...value,
  };
  render(
    <MemoryRouter>
      <WatcherStatus />
    </MemoryRouter>,
  );
  return screen.getByTestId("watcher-status").textContent ?? "";
}

afterEach(cleanup);

describe("WatcherStatus", () => {
  it("shows the last automatic action with its block and age", () => {
    const text = show({
      lastAction: {
        call: "reportFailure",
        jobId: JOB,
        blockNumber: 96n,
        hash: `0x${"1".repeat(64)}`,
        from: GDS,
      },
    });
    expect(text).toContain("Last acted at block 96 (4 blocks ago): reported a heartbeat timeout on job");
    expect(text).toContain("(GDS)");
    expect(text).toContain("Nothing is waiting");
  });

  it("warns when work has waited longer than a few blocks", () => {
    show({ waiting: { count: 2, oldestBlocks: 12n } });
    expect(screen.getByRole("alert").textContent).toMatch(
      /2 items .* waiting for 12 blocks: is the watcher running\?/,
    );
  });

  it("does not warn while the watcher still has time to act", () => {
    const text = show({ waiting: { count: 1, oldestBlocks: 1n } });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(text).toContain("1 item to act on since 1 block");
    expect(text).toContain("No automatic action on chain yet.");
  });
});
