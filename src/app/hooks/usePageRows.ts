import { useMemo, useState } from "react";
import { pageOf } from "../lib/tableQuery.ts";

/**
 * One page of `rows` and the means to move between pages. The page number is kept in range as the
 * list shrinks or grows (a job settling can empty the last page), and the page's rows keep their
 * identity while `rows` does, so hooks keyed on them do not refire.
 */
export function usePageRows<T>(rows: readonly T[], size: number) {
  const [wanted, setPage] = useState(0);
  const current = useMemo(() => pageOf(rows, wanted, size), [rows, wanted, size]);
  return { ...current, total: rows.length, setPage };
}
