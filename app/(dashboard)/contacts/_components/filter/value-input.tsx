"use client";

import { TagPicker } from "@/components/tags/tag-picker";
import type { Operator } from "@/lib/filters/fields";
import { createTagAction } from "../../actions";
import { NO_VALUE, type BuilderData, type BuilderField } from "./types";

interface ValueInputProps {
  field: BuilderField;
  op: Operator;
  value: unknown;
  onChange: (value: unknown) => void;
  data: BuilderData;
  idPrefix: string;
}

const input = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

function MultiSelect({ id, label, options, value, onChange }: { id: string; label: string; options: readonly { value: string; label: string }[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        multiple
        size={Math.min(5, Math.max(2, options.length))}
        value={value}
        onChange={(e) => onChange(Array.from(e.target.selectedOptions, (o) => o.value))}
        className={`${input} min-w-48`}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** The value editor that fits the field's type and the operator. */
export function ValueInput({ field, op, value, onChange, data, idPrefix }: ValueInputProps) {
  if (NO_VALUE.has(op)) return null;
  const id = `${idPrefix}-value`;
  if (op === "in_last_days" || op === "more_than_days_ago") {
    return (
      <span className="flex items-center gap-1">
        <label htmlFor={id} className="sr-only">Days</label>
        <input id={id} type="number" min={1} value={String(value ?? "")} onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} className={`${input} w-20`} />
        <span className="text-sm text-slate-500">days</span>
      </span>
    );
  }
  if (op === "between") {
    const pair = Array.isArray(value) ? value : [undefined, undefined];
    const type = field.type === "date" ? "date" : "number";
    const cast = (v: string) => (v === "" ? undefined : type === "number" ? Number(v) : v);
    return (
      <span className="flex items-center gap-1">
        <label htmlFor={`${id}-from`} className="sr-only">From</label>
        <input id={`${id}-from`} type={type} value={String(pair[0] ?? "")} onChange={(e) => onChange([cast(e.target.value), pair[1]])} className={input} />
        <span className="text-sm text-slate-500">and</span>
        <label htmlFor={`${id}-to`} className="sr-only">To</label>
        <input id={`${id}-to`} type={type} value={String(pair[1] ?? "")} onChange={(e) => onChange([pair[0], cast(e.target.value)])} className={input} />
      </span>
    );
  }
  if (field.type === "enum") {
    return <MultiSelect id={id} label="Value" options={field.options ?? []} value={(value as string[]) ?? []} onChange={onChange} />;
  }
  if (field.type === "import") {
    return (
      <>
        <label htmlFor={id} className="sr-only">
          Import
        </label>
        <select id={id} value={String(value ?? "")} onChange={(e) => onChange(e.target.value || undefined)} className={`${input} max-w-64`}>
          <option value="">Choose an import…</option>
          {data.imports.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </>
    );
  }
  if (field.type === "tags") {
    return (
      <TagPicker
        label="Value"
        labelHidden
        tags={data.tags}
        value={(value as number[]) ?? []}
        onChange={onChange}
        createTag={data.canCreateTags ? createTagAction : undefined}
      />
    );
  }
  if (field.type === "user") {
    return (
      <MultiSelect
        id={id}
        label="Value"
        options={data.users}
        value={((value as number[]) ?? []).map(String)}
        onChange={(v) => onChange(v.map(Number))}
      />
    );
  }
  const type = field.type === "number" ? "number" : field.type === "date" ? "date" : "text";
  return (
    <>
      <label htmlFor={id} className="sr-only">Value</label>
      <input
        id={id}
        type={type}
        value={String(value ?? "")}
        onChange={(e) => onChange(e.target.value === "" ? undefined : type === "number" ? Number(e.target.value) : e.target.value)}
        className={input}
      />
    </>
  );
}
