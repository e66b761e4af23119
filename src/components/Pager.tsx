import { buttonClass } from "./TxButton.tsx";

/** Previous / next page of a table. */
export function Pager({
  page,
  pages,
  total,
  onPage,
  label,
}: {
  page: number;
  pages: number;
  total: number;
  onPage: (page: number) => void;
  label: string;
}) {
  return (
    <nav aria-label={`${label} pages`} className="mt-2 flex flex-wrap items-center gap-3 text-sm">
      <button
        type="button"
        className={buttonClass("secondary", true)}
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        Previous
      </button>
      <span>
        Page {page + 1} of {pages} ({total} {label})
      </span>
      <button
        type="button"
        className={buttonClass("secondary", true)}
        disabled={page >= pages - 1}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </nav>
  );
}
