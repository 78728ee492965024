"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { OPERATORS } from "@/lib/filters/fields";
import { isGroup, type Condition, type ConditionGroup, type Filter } from "@/lib/filters/schema";
import { ConditionRow } from "./condition-row";
import type { BuilderData } from "./types";

interface FilterBuilderProps {
  initial: Filter;
  data: BuilderData;
  onApply: (filter: Filter) => void;
  onCancel: () => void;
}

function JoinSelect({ id, value, onChange, label }: { id: string; value: "and" | "or"; onChange: (v: "and" | "or") => void; label: string }) {
  return (
    <span className="flex items-center gap-2 text-sm">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as "and" | "or")} className="rounded-md border border-slate-300 bg-white px-2 py-1">
        <option value="and">all conditions (AND)</option>
        <option value="or">any condition (OR)</option>
      </select>
    </span>
  );
}

/** Conditions joined by AND/OR, with groups one level deep; applied to the URL only on "Apply filter". */
export function FilterBuilder({ initial, data, onApply, onCancel }: FilterBuilderProps) {
  const [filter, setFilter] = useState<Filter>(initial);
  const blank = (): Condition => ({ field: data.fields[0]!.id, op: OPERATORS[data.fields[0]!.type][0], value: undefined });
  const setItem = (i: number, item: Condition | ConditionGroup) =>
    setFilter((f) => ({ ...f, conditions: f.conditions.map((c, k) => (k === i ? item : c)) }));
  const removeItem = (i: number) => setFilter((f) => ({ ...f, conditions: f.conditions.filter((_, k) => k !== i) }));

  return (
    <section aria-label="Filter" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <JoinSelect id="filter-join" label="Match" value={filter.join} onChange={(join) => setFilter((f) => ({ ...f, join }))} />
      {filter.conditions.length === 0 && <p className="text-sm text-slate-500">No conditions yet: add one.</p>}
      {filter.conditions.map((item, i) => {
        if (!isGroup(item)) {
          const n = filter.conditions.slice(0, i + 1).filter((c) => !isGroup(c)).length;
          return <ConditionRow key={i} condition={item} label={`Condition ${n}`} idPrefix={`c${i}`} data={data} onChange={(c) => setItem(i, c)} onRemove={() => removeItem(i)} />;
        }
        const groupNumber = i + 1;
        return (
          <div key={i} role="group" aria-label={`Group ${groupNumber}`} className="space-y-2 rounded-md border border-dashed border-slate-300 p-3">
            <div className="flex items-center justify-between">
              <JoinSelect id={`g${i}-join`} label="In this group, match" value={item.join} onChange={(join) => setItem(i, { ...item, join })} />
              <button type="button" onClick={() => removeItem(i)} className="text-sm text-slate-500 hover:underline">
                Remove group
              </button>
            </div>
            {item.conditions.map((c, k) => (
              <ConditionRow
                key={k}
                condition={c}
                label={`Group ${groupNumber} condition ${k + 1}`}
                idPrefix={`g${i}c${k}`}
                data={data}
                onChange={(next) => setItem(i, { ...item, conditions: item.conditions.map((x, j) => (j === k ? next : x)) })}
                onRemove={() => setItem(i, { ...item, conditions: item.conditions.filter((_, j) => j !== k) })}
              />
            ))}
            <Button variant="ghost" onClick={() => setItem(i, { ...item, conditions: [...item.conditions, blank()] })}>
              Add condition to group
            </Button>
          </div>
        );
      })}
      <div className="flex flex-wrap justify-between gap-2">
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setFilter((f) => ({ ...f, conditions: [...f.conditions, blank()] }))}>
            Add condition
          </Button>
          <Button variant="secondary" onClick={() => setFilter((f) => ({ ...f, conditions: [...f.conditions, { join: "or", conditions: [blank()] }] }))}>
            Add group
          </Button>
        </div>
        <div className="flex gap-2">
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
          <Button onClick={() => onApply(filter)}>Apply filter</Button>
        </div>
      </div>
    </section>
  );
}
