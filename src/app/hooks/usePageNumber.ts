import { useState } from "react";

/** Where a paged list stands: the page shown (0-based), how many pages, and how many rows in all. */
export interface PageNumber {
  page: number;
  pages: number;
  total: number;
  /** The first row of the page shown. */
  offset: number;
  setPage: (page: number) => void;
}

/** Page `wanted` of a list of `total` rows, `size` a page, kept in range (a list can shrink). */
export function pageNumberOf(
  wanted: number,
  total: number,
  size: number,
  setPage: (page: number) => void,
): PageNumber {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(0, wanted), pages - 1);
  return { page, pages, total, offset: page * size, setPage };
}

/**
 * The page to show of a list of `total` rows held whole (usePageRows); lists read a page at a time
 * keep their page numbers with useListPages. A job settling can empty the last page: the page
 * shown stays in range.
 */
export function usePageNumber(total: number, size: number): PageNumber {
  const [wanted, setPage] = useState(0);
  return pageNumberOf(wanted, total, size, setPage);
}
