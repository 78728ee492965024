import type { ReactNode } from "react";

interface ScrollTableProps {
  /** The region's accessible name. */
  label: string;
  columns: readonly string[];
  /** The rows (<tr>); each ends with a cell of actions, under a header read only by screen readers. */
  children: ReactNode;
}

/** A table of rows with actions, scrolling sideways inside its own focusable region on narrow screens. */
export function ScrollTable({ label, columns, children }: ScrollTableProps) {
  return (
    <div className="relative mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
      {/* relative: the rows' screen-reader-only labels are positioned, and would otherwise widen the page past the scroller */}
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {c}
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
