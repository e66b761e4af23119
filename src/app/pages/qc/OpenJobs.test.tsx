import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jobView } from "../../../protocol/testing/viewData.ts";
import type { JobView } from "../../../protocol/views.ts";
import { usePageRows } from "../../hooks/usePageRows.ts";
import { OPEN_JOBS_PAGE } from "../../lib/listPages.ts";
import { OpenJobs } from "./OpenJobs.tsx";

// The cards and the progress read are stubbed: this is about which jobs are shown and read.
const progress = vi.hoisted(() => ({ calls: [] as (readonly JobView[])[] }));
vi.mock("../../hooks/useReadLiveProgresses.ts", () => ({
  useReadLiveProgresses: (jobs: readonly JobView[]) => {
    progress.calls.push(jobs);
    return { data: new Map(), error: null, isLoading: false };
  },
}));
vi.mock("./QcJobCard.tsx", () => ({
  QcJobCard: ({ job }: { job: JobView }) => <article aria-label={`Job ${job.id}`} />,
}));

const id = (n: number) => `0x${n.toString(16).padStart(32, "0")}` as const;
/** Newest first, as the page passes them: job 12 … job 1; odd ones still without MPCs. */
const jobs = Array.from({ length: 12 }, (_, i) =>
  jobView({ id: id(12 - i), mpcsAssigned: (12 - i) % 2 === 0 }),
);
/** The page as QcPage gives it: one page of the list (held whole here, as without an indexer) and its pager. */
function Paged({ jobs, block }: { jobs: readonly JobView[]; block: bigint }) {
  const page = usePageRows(jobs, OPEN_JOBS_PAGE);
  return <OpenJobs jobs={page.rows} pager={page} block={block} />;
}
const readIds = () => progress.calls.at(-1)?.map((j) => j.id);
const shown = () => screen.queryAllByRole("article").map((a) => a.getAttribute("aria-label"));

afterEach(() => {
  cleanup();
  progress.calls.length = 0;
});

describe("OpenJobs", () => {
  it("shows the newest page of cards and reads progress for that page's assigned jobs only", () => {
    render(<Paged jobs={jobs} block={100n} />);
    expect(shown()).toEqual([12, 11, 10, 9, 8].map((n) => `Job ${id(n)}`));
    expect(readIds()).toEqual([id(12), id(10), id(8)]);
    expect(screen.getByRole("navigation", { name: "open jobs pages" }).textContent).toContain(
      "Page 1 of 3 (12 open jobs)",
    );
  });

  it("moves page by page with buttons (keyboard-reachable), and stops at the ends", () => {
    render(<Paged jobs={jobs} block={100n} />);
    const previous = screen.getByRole("button", { name: "Previous" });
    const next = screen.getByRole("button", { name: "Next" });
    expect(previous).toHaveProperty("disabled", true);
    next.focus();
    expect(document.activeElement).toBe(next);
    fireEvent.click(next);
    expect(shown()).toEqual([7, 6, 5, 4, 3].map((n) => `Job ${id(n)}`));
    expect(readIds()).toEqual([id(6), id(4)]);
    fireEvent.click(next);
    expect(shown()).toEqual([`Job ${id(2)}`, `Job ${id(1)}`]);
    expect(next).toHaveProperty("disabled", true);
    fireEvent.click(previous);
    expect(shown()).toHaveLength(OPEN_JOBS_PAGE);
  });

  it("stays on a page that exists when jobs settle and the list shrinks", () => {
    const { rerender } = render(<Paged jobs={jobs} block={100n} />);
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    rerender(<Paged jobs={jobs.slice(0, 7)} block={101n} />);
    expect(shown()).toEqual([`Job ${id(7)}`, `Job ${id(6)}`]);
    rerender(<Paged jobs={jobs.slice(0, 3)} block={102n} />);
    expect(shown()).toEqual([12, 11, 10].map((n) => `Job ${id(n)}`));
    expect(screen.queryByRole("navigation")).toBeNull();
  });

  it("does not re-read progress when a block passes and the page's jobs are the same", () => {
    const { rerender } = render(<Paged jobs={jobs} block={100n} />);
    const first = progress.calls.at(-1);
    rerender(<Paged jobs={jobs} block={101n} />);
    // Same list object → same page rows → the live-progress hook sees the same jobs array.
    expect(progress.calls.at(-1)).toBe(first);
  });
});
