"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ImportJobView } from "@/lib/import/job/jobs";
import type { ImportReview } from "@/lib/import/job/review";
import { startImport } from "../actions";
import { countOf } from "@/lib/plural";

interface ReviewStepProps {
  jobId: string;
  review: ImportReview;
  onBack: () => void;
  onStarted: (job: ImportJobView) => void;
}

const number = new Intl.NumberFormat("en-US");
const OUTCOME: Record<ImportReview["sample"][number]["outcome"], string> = {
  created: "New contact",
  merged: "Merge",
  skipped: "Skip",
  failed: "Rejected",
};

/** Review: what the import will do with every row, before anything is written. */
export function ReviewStep({ jobId, review, onBack, onStarted }: ReviewStepProps) {
  const [error, setError] = useState<string | null>(null);
  const [starting, start] = useTransition();
  const { counts } = review;
  const importable = counts.created + counts.merged;

  function go() {
    setError(null);
    start(async () => {
      const result = await startImport({ jobId });
      if (result.ok) onStarted(result.data!);
      else setError(result.message);
    });
  }

  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold">Review</h2>
        <p className="mt-1 text-sm text-slate-600">
          {review.totalRows === 1 ? "The 1 row was" : `All ${countOf(review.totalRows, "row")} were`} checked against your contacts. Nothing has been written yet.
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {(
          [
            ["To create", counts.created, "text-emerald-700"],
            ["To merge", counts.merged, "text-indigo-700"],
            ["To skip", counts.skipped, "text-slate-700"],
            ["Rejected", counts.failed, counts.failed ? "text-red-700" : "text-slate-700"],
            ["With warnings", counts.warnings, counts.warnings ? "text-amber-700" : "text-slate-700"],
          ] as const
        ).map(([label, value, tone]) => (
          <div key={label} className="rounded-lg border border-slate-200 p-3">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`}>{number.format(value)}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="review-sample" className="space-y-2">
        <h3 id="review-sample" className="text-sm font-semibold text-slate-800">
          The first rows as they will be stored
        </h3>
        {review.sample.length === 0 ? (
          <p className="text-sm text-slate-500">No row of the file can be imported.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">Line</th>
                  <th scope="col" className="px-3 py-2">Result</th>
                  {review.columns.map((c) => (
                    <th key={c.target} scope="col" className="whitespace-nowrap px-3 py-2">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {review.sample.map((row) => (
                  <tr key={row.line}>
                    <td className="px-3 py-2 tabular-nums text-slate-500">{row.line}</td>
                    <td className="whitespace-nowrap px-3 py-2">{OUTCOME[row.outcome]}</td>
                    {row.values.map((v, i) => (
                      <td key={review.columns[i]!.target} className="max-w-[16rem] truncate px-3 py-2" title={v}>
                        {v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <RowList
        id="review-rejected"
        title={`Rejected rows (${number.format(counts.failed)})`}
        empty="Every row is valid."
        rows={review.rejected.map((r) => ({ line: r.line, text: r.error }))}
        total={counts.failed}
        action={
          review.hasErrorFile ? (
            <a href={`/api/imports/${jobId}/errors`} download className="text-sm font-medium text-indigo-700 underline underline-offset-2">
              Download errors
            </a>
          ) : null
        }
        note="These rows are not imported. The download has them with an error column: fix them and upload that file again."
      />
      {review.warnings.length > 0 && (
        <RowList
          id="review-warnings"
          title={`Warnings (${number.format(counts.warnings)})`}
          empty=""
          rows={review.warnings.map((w) => ({ line: w.line, text: w.warning }))}
          total={counts.warnings}
          note="These rows are imported; the part named is left as it is."
        />
      )}

      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button variant="secondary" onClick={onBack} disabled={starting}>
          Back to columns
        </Button>
        <Button onClick={go} disabled={starting || importable === 0}>
          {starting ? "Starting…" : `Import ${countOf(importable, "row")}`}
        </Button>
      </div>
    </div>
  );
}

interface RowListProps {
  id: string;
  title: string;
  empty: string;
  rows: { line: number; text: string }[];
  total: number;
  note: string;
  action?: React.ReactNode;
}

function RowList({ id, title, empty, rows, total, note, action }: RowListProps) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={id} className="text-sm font-semibold text-slate-800">
          {title}
        </h3>
        {action}
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <>
          <p className="text-xs text-slate-500">{note}</p>
          <div className="max-h-80 overflow-auto rounded-lg border border-slate-200">
            <table className="min-w-full text-sm">
              <thead className="sticky top-0 bg-slate-50 text-left text-xs font-semibold text-slate-600">
                <tr>
                  <th scope="col" className="w-16 px-3 py-2">Line</th>
                  <th scope="col" className="px-3 py-2">Reason</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r, i) => (
                  <tr key={`${r.line}-${i}`}>
                    <td className="px-3 py-2 align-top tabular-nums text-slate-500">{r.line}</td>
                    <td className="break-words px-3 py-2">{r.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {total > rows.length && (
            <p className="text-xs text-slate-500">
              The first {number.format(rows.length)} of {number.format(total)} are listed here.
            </p>
          )}
        </>
      )}
    </section>
  );
}
