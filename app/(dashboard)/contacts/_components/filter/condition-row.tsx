"use client";

import { OPERATORS, OPERATOR_LABELS, type Operator } from "@/lib/filters/fields";
import type { Condition } from "@/lib/filters/schema";
import type { BuilderData } from "./types";
import { ValueInput } from "./value-input";

interface ConditionRowProps {
  condition: Condition;
  label: string;
  idPrefix: string;
  data: BuilderData;
  onChange: (condition: Condition) => void;
  onRemove: () => void;
}

const select = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

export function ConditionRow({ condition, label, idPrefix, data, onChange, onRemove }: ConditionRowProps) {
  const field = data.fields.find((f) => f.id === condition.field) ?? data.fields[0]!;
  const ops = OPERATORS[field.type] as readonly Operator[];
  const op = (ops as readonly string[]).includes(condition.op) ? (condition.op as Operator) : ops[0]!;
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
      <label htmlFor={`${idPrefix}-field`} className="sr-only">
        Field
      </label>
      <select
        id={`${idPrefix}-field`}
        value={field.id}
        onChange={(e) => {
          const next = data.fields.find((f) => f.id === e.target.value)!;
          onChange({ field: next.id, op: OPERATORS[next.type][0], value: undefined });
        }}
        className={select}
      >
        {data.fields.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-op`} className="sr-only">
        Operator
      </label>
      <select id={`${idPrefix}-op`} value={op} onChange={(e) => onChange({ ...condition, op: e.target.value, value: undefined })} className={select}>
        {ops.map((o) => (
          <option key={o} value={o}>
            {OPERATOR_LABELS[o]}
          </option>
        ))}
      </select>
      <ValueInput field={field} op={op} value={condition.value} onChange={(value) => onChange({ ...condition, op, value })} data={data} idPrefix={idPrefix} />
      <button type="button" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`} className="rounded px-2 py-1 text-slate-500 hover:bg-slate-100">
        ✕
      </button>
    </div>
  );
}
