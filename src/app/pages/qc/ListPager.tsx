import { Pager } from "../../components/Pager.tsx";
import type { usePageRows } from "../../hooks/usePageRows.ts";

/** Previous / next for a list paged with usePageRows; nothing when it fits on one page. */
export function ListPager({ page, label }: { page: ReturnType<typeof usePageRows>; label: string }) {
  if (page.pages <= 1) return null;
  return <Pager page={page.page} pages={page.pages} total={page.total} onPage={page.setPage} label={label} />;
}
