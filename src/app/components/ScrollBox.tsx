import type { ReactNode } from "react";

/**
 * A box that scrolls its wide (or tall) content on its own, so the page never scrolls sideways on a
 * phone. It can take the keyboard focus and is a named region: without a link or button inside,
 * a keyboard user could not otherwise scroll it.
 */
export function ScrollBox({
  label,
  className = "overflow-x-auto",
  children,
}: {
  label: string;
  /** The overflow and size classes; sideways scrolling by default. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`${className} focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-500`}
    >
      {children}
    </div>
  );
}
