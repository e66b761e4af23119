import { useMemo } from "react";
import { usePageNumber } from "./usePageNumber.ts";

/**
 * One page of `rows` and the means to move between pages (usePageNumber). The page's rows keep
 * their identity while `rows` and the page do, so hooks keyed on them do not refire.
 */
export function usePageRows<T>(rows: readonly T[], size: number) {
  const pager = usePageNumber(rows.length, size);
  const { offset } = pager;
  const pageRows = useMemo(() => rows.slice(offset, offset + size), [rows, offset, size]);
  return { ...pager, rows: pageRows };
}
