"use client";

import type { ImportTarget, TargetOption } from "@/lib/import/map/targets";

interface ColumnRowProps {
  index: number;
  header: string;
  samples: string[];
  target: ImportTarget;
  /** Chosen by the auto-mapping and not changed since. */
  auto: boolean;
  targets: TargetOption[];
  onChange: (target: ImportTarget) => void;
}

const GROUPS: TargetOption["group"][] = ["Identifiers", "Fields", "Custom attributes", "Other"];

/** One column of the file: its header (the select's label), a few values, and where it goes. */
export function ColumnRow({ index, header, samples, target, auto, targets, onChange }: ColumnRowProps) {
  const id = `import-column-${index}`;
  const values = samples.map((s) => s.replace(/\s+/g, " ").trim()).filter(Boolean).slice(0, 3);
  return (
    <li className="grid gap-2 py-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_minmax(0,1fr)] md:items-center md:gap-4">
      <label htmlFor={id} className="break-words text-sm font-medium text-slate-800">
        {header}
      </label>
      <p className="min-w-0 truncate text-sm text-slate-500" title={values.join(" · ")}>
        {values.length ? values.join(" · ") : <span className="italic">empty in the first rows</span>}
      </p>
      <div className="flex items-center gap-2">
        <select
          id={id}
          value={target}
          onChange={(e) => onChange(e.target.value as ImportTarget)}
          className={`block w-full min-w-0 rounded-md border px-2 py-1.5 text-sm ${
            target === "ignore" ? "border-slate-200 bg-slate-50 text-slate-500" : "border-slate-300 bg-white"
          }`}
        >
          {GROUPS.map((group) => (
            <optgroup key={group} label={group}>
              {targets
                .filter((t) => t.group === group)
                .map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        {auto && (
          <span className="shrink-0 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700" title="Matched automatically from the header">
            Auto
          </span>
        )}
      </div>
    </li>
  );
}
