"use client";

import type { CountryOption } from "@/lib/countries";
import { useMemo, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { EXISTING_CONTACT_LABELS, EXISTING_CONTACT_MODES, parseTagList, type ImportJobOptions } from "@/lib/import/validate/job-options";
import type { ImportDraft } from "@/lib/import/job/jobs";
import type { Delimiter } from "@/lib/import/read/parse";
import type { ImportReview } from "@/lib/import/job/review";
import { checkMapping, type ImportTarget } from "@/lib/import/map/targets";
import { changeDelimiter, reviewImport } from "../actions";
import { ColumnList } from "./column-list";
import { countOf } from "@/lib/plural";

interface MappingStepProps {
  draft: ImportDraft;
  mapping: ImportTarget[];
  options: ImportJobOptions;
  countries: readonly CountryOption[];
  workspaceCountry: string;
  onDraft: (draft: ImportDraft) => void;
  onChange: (mapping: ImportTarget[], options: ImportJobOptions) => void;
  onReviewed: (review: ImportReview, mapping: ImportTarget[], options: ImportJobOptions) => void;
  onStartOver: () => void;
}

const DELIMITER_LABELS: Record<Delimiter, string> = { ",": "Comma ( , )", ";": "Semicolon ( ; )", "\t": "Tab" };
const ENCODING_LABELS: Record<string, string> = { "utf-8": "UTF-8", "utf-16le": "UTF-16", "utf-16be": "UTF-16", "windows-1252": "Windows-1252" };

function size(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Map columns: a target per column (auto-mapped, changeable), the options, then Review. */
export function MappingStep(props: MappingStepProps) {
  const { draft, mapping, options, countries, workspaceCountry } = props;
  const [tagText, setTagText] = useState(options.tags.join(", "));
  const [error, setError] = useState<string | null>(null);
  const [reviewing, startReview] = useTransition();
  const [rereading, startReread] = useTransition();
  const problems = useMemo(() => checkMapping(draft.preview.headers, mapping, draft.attributes), [draft, mapping]);
  const hasDateAttribute = mapping.some((t) => t.startsWith("attr:") && draft.attributes.find((a) => `attr:${a.key}` === t)?.type === "date");
  const preview = draft.preview;

  function setTarget(column: number, target: ImportTarget) {
    props.onChange(mapping.map((t, i) => (i === column ? target : t)), options);
  }

  function setOptions(change: Partial<ImportJobOptions>) {
    props.onChange(mapping, { ...options, ...change });
  }

  function reread(delimiter: Delimiter) {
    setError(null);
    startReread(async () => {
      const result = await changeDelimiter({ jobId: draft.job.id, delimiter });
      if (result.ok) props.onDraft(result.data!);
      else setError(result.message);
    });
  }

  function review() {
    setError(null);
    const chosen = { ...options, tags: parseTagList(tagText) };
    startReview(async () => {
      const result = await reviewImport({ jobId: draft.job.id, delimiter: preview.delimiter, mapping, options: chosen });
      if (result.ok) props.onReviewed(result.data!, mapping, chosen);
      else setError([result.message, ...Object.values(result.fieldErrors ?? {}).flat()].filter((m, i, all) => all.indexOf(m) === i).join(" "));
    });
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h2 className="text-lg font-semibold">Map columns</h2>
          <p className="mt-1 break-words text-sm text-slate-600">
            <span className="font-medium text-slate-800">{draft.job.fileName}</span> · {size(draft.job.fileSize)} ·{" "}
            {ENCODING_LABELS[preview.encoding] ?? preview.encoding} · {preview.totalRowsExact ? "" : "about "}
            {countOf(preview.totalRowsEstimate, "row")} · {countOf(preview.headers.length, "column")}
          </p>
        </div>
        <div>
          <label htmlFor="import-delimiter" className="block text-sm font-medium text-slate-700">
            Delimiter
          </label>
          <select
            id="import-delimiter"
            value={preview.delimiter}
            disabled={rereading}
            onChange={(e) => reread(e.target.value as Delimiter)}
            className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {Object.entries(DELIMITER_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <ColumnList draft={draft} mapping={mapping} busy={rereading} onTarget={setTarget} />

      <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Options</legend>
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <label htmlFor="import-country" className="block text-sm font-medium text-slate-700">
              Default country
            </label>
            <select
              id="import-country"
              value={options.defaultCountry}
              onChange={(e) => setOptions({ defaultCountry: e.target.value })}
              aria-describedby="import-country-hint"
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            >
              {countries.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                  {c.value === workspaceCountry ? " (workspace default)" : ""}
                </option>
              ))}
            </select>
            <p id="import-country-hint" className="mt-1 text-xs text-slate-500">
              For numbers written without +. A row with its own country column uses that country instead.
            </p>
          </div>
          <div>
            <label htmlFor="import-tags" className="block text-sm font-medium text-slate-700">
              Tags for all imported contacts
            </label>
            <input
              id="import-tags"
              value={tagText}
              onChange={(e) => setTagText(e.target.value)}
              placeholder="e.g. Spring fair 2025"
              aria-describedby="import-tags-hint"
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            <p id="import-tags-hint" className="mt-1 text-xs text-slate-500">
              Separate several tags with commas. Tags that do not exist yet are created.
            </p>
          </div>
          {hasDateAttribute && (
            <div>
              <label htmlFor="import-dates" className="block text-sm font-medium text-slate-700">
                Dates like 03/04/2024
              </label>
              <select
                id="import-dates"
                value={options.dateOrder ?? ""}
                onChange={(e) => setOptions({ dateOrder: (e.target.value || undefined) as ImportJobOptions["dateOrder"] })}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              >
                <option value="">Reject them as ambiguous</option>
                <option value="dmy">Day first (3 April)</option>
                <option value="mdy">Month first (March 4)</option>
              </select>
            </div>
          )}
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">When a contact already exists</legend>
          <div className="mt-2 space-y-2">
            {EXISTING_CONTACT_MODES.map((mode) => (
              <label key={mode} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="import-existing"
                  value={mode}
                  checked={options.existing === mode}
                  onChange={() => setOptions({ existing: mode })}
                  className="mt-0.5"
                />
                <span>
                  <span className="font-medium text-slate-800">{EXISTING_CONTACT_LABELS[mode].label}</span>
                  <span className="block text-xs text-slate-500">{EXISTING_CONTACT_LABELS[mode].hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>

      {problems.length > 0 && (
        <ul role="status" className="list-disc space-y-1 rounded-md border border-amber-300 bg-amber-50 py-2 pl-8 pr-3 text-sm text-amber-900">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button variant="secondary" onClick={props.onStartOver} disabled={reviewing}>
          Upload another file
        </Button>
        <Button onClick={review} disabled={reviewing || rereading || problems.length > 0}>
          {reviewing ? `Checking ${preview.totalRowsExact ? "" : "about "}${countOf(preview.totalRowsEstimate, "row")}…` : "Review"}
        </Button>
      </div>
    </div>
  );
}
