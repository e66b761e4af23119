import { useCallback, useMemo, useState } from "react";
import type { ListWindow } from "../indexer/lists.ts";
import { type PageNumber, pageNumberOf } from "./usePageNumber.ts";

/**
 * The page numbers of a page's lists that are read a page at a time (from the indexer): the window
 * of rows to ask for each list, and, once the lists' counts are known, each list's pager. A page
 * beyond a list that shrank is brought back to its last page. `sizes` is a constant.
 */
export function useListPages<K extends string>(sizes: Readonly<Record<K, number>>) {
  const [wanted, setWanted] = useState<Partial<Record<K, number>>>({});
  const names = Object.keys(sizes) as K[];
  const windows = useMemo(
    () =>
      Object.fromEntries(
        (Object.keys(sizes) as K[]).map((k) => [k, { offset: (wanted[k] ?? 0) * sizes[k], limit: sizes[k] }]),
      ) as Record<K, ListWindow>,
    [wanted, sizes],
  );
  const pagers = useCallback(
    (totals: Readonly<Record<K, number>>): Record<K, PageNumber> =>
      Object.fromEntries(
        (Object.keys(sizes) as K[]).map((k) => {
          const set = (page: number) => setWanted((w) => ({ ...w, [k]: page }));
          return [k, pageNumberOf(wanted[k] ?? 0, totals[k], sizes[k], set)];
        }),
      ) as Record<K, PageNumber>,
    [wanted, sizes],
  );
  /** Brings the windows back in range once the counts say a page is past its list's end. */
  const keepInRange = useCallback(
    (shown: Readonly<Record<K, PageNumber>>) => {
      if (names.some((k) => shown[k].page !== (wanted[k] ?? 0)))
        setWanted(Object.fromEntries(names.map((k) => [k, shown[k].page])) as Record<K, number>);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `names` follows the constant `sizes`
    [wanted, sizes],
  );
  return { windows, pagers, keepInRange };
}
