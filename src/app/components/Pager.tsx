import { useRef, type MouseEvent, type RefObject } from "react";
import { flushSync } from "react-dom";
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
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  // Pressing into the first or last page disables the pressed button, and a disabled button drops
  // the keyboard focus to the page's body: the focus passes to the other button instead. The page
  // is rendered at once (flushSync) so that the other button is already enabled to take it.
  const go = (
    to: number,
    event: MouseEvent<HTMLButtonElement>,
    other: RefObject<HTMLButtonElement | null>,
  ) => {
    const pressed = event.currentTarget;
    const hadFocus = document.activeElement === pressed;
    flushSync(() => onPage(to));
    if (hadFocus && pressed.disabled) other.current?.focus();
  };
  return (
    <nav aria-label={`${label} pages`} className="mt-2 flex flex-wrap items-center gap-3 text-sm">
      <button
        ref={previous}
        type="button"
        className={buttonClass("secondary", true)}
        disabled={page === 0}
        onClick={(event) => go(page - 1, event, next)}
      >
        Previous
      </button>
      <span>
        Page {page + 1} of {pages} ({total} {label})
      </span>
      <button
        ref={next}
        type="button"
        className={buttonClass("secondary", true)}
        disabled={page >= pages - 1}
        onClick={(event) => go(page + 1, event, previous)}
      >
        Next
      </button>
    </nav>
  );
}
