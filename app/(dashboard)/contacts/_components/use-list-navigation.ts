"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";
import { listParamsToQuery, type ListParams } from "@/lib/contacts/list-params";

/** Moves the list to new URL state; changing the search, sort or page size goes back to page 1. */
export function useListNavigation(current: ListParams) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const go = useCallback(
    (change: Partial<ListParams>, options: { replace?: boolean } = {}) => {
      const resets = "search" in change || "sort" in change || "size" in change || "filter" in change || "segment" in change;
      // Another segment ends the editing of one.
      const ends = "segment" in change && !("edit" in change) ? { edit: undefined } : {};
      const next: ListParams = { ...current, ...(resets ? { page: 1 } : {}), ...ends, ...change, filterInvalid: undefined, searchInvalid: undefined };
      const url = `${pathname}${listParamsToQuery(next)}`;
      startTransition(() => (options.replace ? router.replace(url, { scroll: false }) : router.push(url, { scroll: false })));
    },
    [current, pathname, router],
  );
  return { go, pending };
}
