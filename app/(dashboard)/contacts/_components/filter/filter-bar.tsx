"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ListParams } from "@/lib/contacts/list-params";
import { EMPTY_FILTER, isEmptyFilter } from "@/lib/filters/schema";
import { useListNavigation } from "../use-list-navigation";
import { describeFilter } from "./describe";
import { FilterBuilder } from "./filter-builder";
import { SaveSegment } from "./save-segment";
import type { BuilderData } from "./types";

interface FilterBarProps {
  params: ListParams;
  data: BuilderData;
  canShare: boolean;
}

export function FilterBar({ params, data, canShare }: FilterBarProps) {
  const { go } = useListNavigation(params);
  const [open, setOpen] = useState(false);
  const active = !isEmptyFilter(params.filter);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          Filter
        </Button>
        {active && (
          <ul aria-label="Active filter" className="flex flex-wrap gap-1">
            {describeFilter(params.filter, data).map((chip, i) => (
              <li key={i} className="rounded-full bg-indigo-50 px-2.5 py-1 text-xs font-medium text-indigo-800">
                {i > 0 && <span className="mr-1 text-indigo-400">{params.filter.join === "and" ? "AND" : "OR"}</span>}
                {chip}
              </li>
            ))}
          </ul>
        )}
        {active && (
          <Button variant="ghost" onClick={() => go({ filter: EMPTY_FILTER })}>
            Clear filters
          </Button>
        )}
        {(active || params.search) && <SaveSegment filter={params.filter} search={params.search} canShare={canShare} />}
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
      {open && (
        <FilterBuilder
          initial={params.filter}
          data={data}
          onCancel={() => setOpen(false)}
          onApply={(filter) => {
            setOpen(false);
            go({ filter });
          }}
        />
      )}
    </div>
  );
}
