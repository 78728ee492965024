"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { ListParams } from "@/lib/contacts/list-params";
import { EMPTY_FILTER, isEmptyFilter, type Filter } from "@/lib/filters/schema";
import type { OpenSegment } from "@/lib/segments/segments";
import { useListNavigation } from "../use-list-navigation";
import { FilterChips } from "./filter-chips";
import { FilterBuilder } from "./filter-builder";
import { SaveSegment } from "./save-segment";
import { SegmentHeader } from "./segment-header";
import type { BuilderData } from "./types";

interface FilterBarProps {
  params: ListParams;
  data: BuilderData;
  canShare: boolean;
  /** The quick search, first in the filter's row. */
  search: ReactNode;
  /** The saved segment the list shows, or whose conditions are being edited. */
  segment: OpenSegment | null;
}

export function FilterBar({ params, data, canShare, search, segment }: FilterBarProps) {
  const { go } = useListNavigation(params);
  const [open, setOpen] = useState(false);
  const active = !isEmptyFilter(params.filter);
  // A saved segment opens the builder with its own conditions; applying them starts editing it.
  const startsEditing = Boolean(segment && !segment.editing && !active);
  const initial = startsEditing ? segment!.filter : params.filter;

  function apply(filter: Filter) {
    setOpen(false);
    if (startsEditing) go({ segment: "all", edit: String(segment!.id), filter, search: params.search || segment!.search });
    else go({ filter });
  }

  return (
    <div className="space-y-2">
      {segment && <SegmentHeader segment={segment} params={params} canShare={canShare} />}
      <div className="flex flex-wrap items-center gap-2">
        {search}
        <Button variant="secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          Filter
        </Button>
        {segment && !segment.editing && <FilterChips label="Segment conditions" filter={segment.filter} search={segment.search} data={data} />}
        {segment?.editing ? (
          <FilterChips label="Segment conditions" filter={params.filter} search={params.search} data={data} />
        ) : (
          active && <FilterChips label="Active filter" filter={params.filter} data={data} />
        )}
        {active && !segment?.editing && (
          <Button variant="ghost" onClick={() => go({ filter: EMPTY_FILTER })}>
            Clear filters
          </Button>
        )}
        {!segment && (active || params.search) && <SaveSegment filter={params.filter} search={params.search} canShare={canShare} />}
      </div>
      {params.filterInvalid && (
        <p role="status" className="text-sm text-amber-700">
          The filter in this link could not be read, so it was left out.
        </p>
      )}
      {params.searchInvalid && (
        <p role="status" className="text-sm text-amber-700">
          The search in this link contains an invisible control character, so it was left out.
        </p>
      )}
      {open && <FilterBuilder initial={initial} data={data} onCancel={() => setOpen(false)} onApply={apply} />}
    </div>
  );
}
