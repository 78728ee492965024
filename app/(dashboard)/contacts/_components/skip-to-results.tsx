"use client";

import { RESULTS_ID } from "./results-id";

/**
 * Right after the search box, shown when focused: one Tab and Enter from a search to the first row,
 * past the toolbar, the bulk actions and the sortable headers.
 */
export function SkipToResults() {
  function skip(event: React.MouseEvent<HTMLAnchorElement>) {
    const region = document.getElementById(RESULTS_ID);
    if (!region) return;
    event.preventDefault();
    const first = region.querySelector<HTMLElement>("tbody tr a, tbody tr input");
    (first ?? region).focus();
  }
  return (
    <a
      href={`#${RESULTS_ID}`}
      onClick={skip}
      className="sr-only focus:not-sr-only focus:absolute focus:z-10 focus:mt-1 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-semibold focus:text-indigo-700 focus:shadow focus:ring-2 focus:ring-indigo-600"
    >
      Skip to results
    </a>
  );
}
