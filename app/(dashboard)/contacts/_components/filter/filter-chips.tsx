import type { Filter } from "@/lib/filters/schema";
import { describeFilter } from "./describe";
import type { BuilderData } from "./types";

interface FilterChipsProps {
  label: string;
  filter: Filter;
  /** A saved or edited segment's own search, shown as one more condition. */
  search?: string;
  data: BuilderData;
}

/** One chip per condition (a group in brackets), joined by AND or OR. */
export function FilterChips({ label, filter, search, data }: FilterChipsProps) {
  const chips = describeFilter(filter, data);
  if (search) chips.push(`Search “${search}”`);
  if (chips.length === 0) {
    return <p className="text-sm text-slate-500">No conditions: every contact of All contacts.</p>;
  }
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {chips.map((chip, i) => (
        <li key={i} className="rounded-full bg-indigo-50 px-2.5 py-1 text-xs font-medium text-indigo-800">
          {i > 0 && <span className="mr-1 text-indigo-600">{filter.join === "and" || i >= filter.conditions.length ? "AND" : "OR"}</span>}
          {chip}
        </li>
      ))}
    </ul>
  );
}
