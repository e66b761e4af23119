import { Pager } from "./Pager.tsx";
import type { PageNumber } from "../hooks/usePageNumber.ts";

/** Previous / next for a paged list (usePageRows, useListPages); nothing when it fits on one page. */
export function ListPager({ page, label }: { page: PageNumber; label: string }) {
  if (page.pages <= 1) return null;
  return <Pager page={page.page} pages={page.pages} total={page.total} onPage={page.setPage} label={label} />;
}
