import { act, renderHook } from "@testing-library/react";
import { useEffect } from "react";
import { describe, expect, it } from "vitest";
import { useListPages } from "./useListPages.ts";

const SIZES = { open: 5, settled: 20 } as const;

/** The hook as the page hooks use it: windows to ask, pagers from the counts, kept in range. */
function usePaged(totals: { open: number; settled: number }) {
  const { windows, pagers, keepInRange } = useListPages(SIZES);
  const pages = pagers(totals);
  useEffect(() => keepInRange(pages));
  return { windows, pages };
}

describe("useListPages", () => {
  it("asks each list's window of the page shown, and counts its pages", () => {
    const { result } = renderHook(() => usePaged({ open: 12, settled: 3 }));
    expect(result.current.windows).toEqual({
      open: { offset: 0, limit: 5 },
      settled: { offset: 0, limit: 20 },
    });
    expect(result.current.pages.open).toMatchObject({ page: 0, pages: 3, total: 12, offset: 0 });
    act(() => result.current.pages.open.setPage(2));
    expect(result.current.windows.open).toEqual({ offset: 10, limit: 5 });
    expect(result.current.windows.settled).toEqual({ offset: 0, limit: 20 });
    expect(result.current.pages.open.page).toBe(2);
  });

  it("comes back to the last page when a list shrinks under the page shown", () => {
    let totals = { open: 12, settled: 3 };
    const { result, rerender } = renderHook(() => usePaged(totals));
    act(() => result.current.pages.open.setPage(2));
    totals = { open: 6, settled: 3 };
    rerender();
    expect(result.current.pages.open.page).toBe(1);
    expect(result.current.windows.open).toEqual({ offset: 5, limit: 5 });
  });
});
