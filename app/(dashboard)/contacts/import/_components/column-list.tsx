"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ImportDraft } from "@/lib/import/job/jobs";
import type { ImportTarget } from "@/lib/import/map/targets";
import { countOf, nounFor } from "@/lib/plural";
import { ColumnRow } from "./column-row";

interface ColumnListProps {
  draft: ImportDraft;
  mapping: ImportTarget[];
  busy: boolean;
  onTarget: (column: number, target: ImportTarget) => void;
}

/**
 * Rows listed at first, and added per "Show more": each row holds a select of every target, so a
 * file of 5 000 columns rendered whole took ~20 s. Matched columns are always listed.
 */
export const LISTED_COLUMNS = 100;
const number = new Intl.NumberFormat("en-US");

/** The mapper's columns: one row per column of the file, the empty unmatched ones folded away. */
export function ColumnList({ draft, mapping, busy, onTarget }: ColumnListProps) {
  const [showEmpty, setShowEmpty] = useState(false);
  const [listed, setListed] = useState(LISTED_COLUMNS);
  const preview = draft.preview;
  // Exports carry dozens of columns nobody filled in; those not mapped are folded away by default.
  const emptyColumns = preview.headers.map((_, i) => preview.sampleRows.every((r) => (r[i] ?? "").trim() === ""));
  const hidden = emptyColumns.filter((empty, i) => empty && mapping[i] === "ignore").length;
  const emptyShown = hidden || emptyColumns.filter(Boolean).length;
  const candidates = preview.headers.map((_, i) => i).filter((i) => showEmpty || !(emptyColumns[i] && mapping[i] === "ignore"));
  const rows = candidates.filter((i, k) => k < listed || mapping[i] !== "ignore");
  const more = candidates.length - rows.length;
  return (
    <div>
      <div className="hidden grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_minmax(0,1fr)] gap-4 border-b border-slate-200 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 md:grid">
        <span>Column in the file</span>
        <span>Sample values</span>
        <span>Import as</span>
      </div>
      <ul className="divide-y divide-slate-100" aria-busy={busy}>
        {rows.map((i) => (
          <ColumnRow
            key={`${preview.delimiter}-${i}`}
            index={i}
            header={preview.headers[i]!}
            samples={preview.sampleRows.map((r) => r[i] ?? "")}
            target={mapping[i] ?? "ignore"}
            auto={draft.mapping[i] === mapping[i] && mapping[i] !== "ignore"}
            targets={draft.targets}
            onChange={(target) => onTarget(i, target)}
          />
        ))}
      </ul>
      {more > 0 && (
        <div role="status" className="mt-2 flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
          <span>
            This file has {countOf(preview.headers.length, "column")}. {number.format(rows.length)} are listed, every matched one
            among them; the other {number.format(more)} are not imported unless you list and match them.
          </span>
          <Button variant="secondary" onClick={() => setListed((n) => n + LISTED_COLUMNS)}>
            Show {Math.min(more, LISTED_COLUMNS)} more {nounFor(Math.min(more, LISTED_COLUMNS), "column")}
          </Button>
        </div>
      )}
      {(hidden > 0 || showEmpty) && (
        <label className="mt-2 flex items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" checked={showEmpty} onChange={(e) => setShowEmpty(e.target.checked)} />
          Show the {countOf(emptyShown, "column")} that {emptyShown === 1 ? "is" : "are"} empty in the first rows (not imported)
        </label>
      )}
    </div>
  );
}
