"use client";

import Link from "next/link";
import { DEFAULT_LIST_PARAMS, listParamsToQuery } from "@/lib/contacts/list-params";
import { importFilter } from "@/lib/filters/fields";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ImportJobView } from "@/lib/import/job/jobs";
import { cancelImport } from "../actions";
import { StatusBadge } from "./status-badge";
import { countOf } from "@/lib/plural";

interface ProgressStepProps {
  initial: ImportJobView;
  onImportAnother: () => void;
}

const number = new Intl.NumberFormat("en-US");
const POLL_MS = 1000;

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** Rows per second over what this page has seen (or since the job started, on the first look). */
function rate(job: ImportJobView, first: { at: number; rows: number } | null): number | null {
  const now = Date.parse(job.now);
  if (first && now - first.at >= 2000 && job.processedRows > first.rows) return ((job.processedRows - first.rows) * 1000) / (now - first.at);
  if (job.startedAt && job.processedRows > 0) return (job.processedRows * 1000) / Math.max(1, now - Date.parse(job.startedAt));
  return null;
}

/** Import: progress while the job runs (read from the server, so a reload loses nothing), then the result. */
export function ProgressStep({ initial, onImportAnother }: ProgressStepProps) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, startCancel] = useTransition();
  // The first running state this page saw, for the rate: state, not a ref, because the render reads it.
  const [first, setFirst] = useState<{ at: number; rows: number } | null>(null);
  const active = job.status === "queued" || job.status === "running";

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/imports/${job.id}`, { cache: "no-store" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const next = (await response.json()) as ImportJobView;
        if (stopped) return;
        if (next.status === "running") setFirst((f) => f ?? { at: Date.parse(next.now), rows: next.processedRows });
        setPollError(null);
        setJob(next);
        if (next.status !== "queued" && next.status !== "running") router.refresh();
      } catch {
        if (!stopped) {
          setPollError("Lost contact with the server; retrying. The import goes on in the background.");
          setJob((j) => ({ ...j }));
        }
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, job, router]);

  function cancel() {
    setCancelError(null);
    startCancel(async () => {
      const result = await cancelImport({ jobId: job.id });
      setConfirming(false);
      if (result.ok) setJob(result.data!);
      else setCancelError(result.message);
    });
  }

  const total = job.totalRows;
  const percent = total ? Math.min(100, Math.round((job.processedRows / total) * 100)) : null;
  const perSecond = rate(job, first);
  const left = perSecond && total ? (total - job.processedRows) / perSecond : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-lg font-semibold">{active ? "Importing" : "Import"} {job.fileName}</h2>
          <p className="mt-1 text-sm text-slate-600">
            Started by {job.createdBy}. {active && "It runs in the background: you can leave this page and come back."}
          </p>
        </div>
        <StatusBadge status={job.status} />
      </div>

      <div className="space-y-2">
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={total ?? undefined}
          aria-valuenow={total ? job.processedRows : undefined}
          aria-valuetext={total ? `${number.format(job.processedRows)} of ${countOf(total, "row")}` : countOf(job.processedRows, "row")}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
        >
          <div
            className={`h-full rounded-full transition-[width] duration-500 ${job.status === "failed" ? "bg-red-500" : job.status === "cancelled" ? "bg-amber-500" : "bg-indigo-600"}`}
            style={{ width: `${percent ?? (active ? 5 : 100)}%` }}
          />
        </div>
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          <span className="tabular-nums">
            {total ? `${number.format(job.processedRows)} of ${countOf(total, "row")}` : countOf(job.processedRows, "row")}
          </span>
          {active && perSecond !== null && <span className="tabular-nums">{number.format(Math.round(perSecond))} rows/s</span>}
          {active && left !== null && <span>about {duration(left)} left</span>}
          {job.status === "queued" && <span>Waiting for a worker…</span>}
        </p>
      </div>
      {pollError && <p className="text-sm text-amber-800">{pollError}</p>}

      {!active && <ImportResult job={job} />}

      {cancelError && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {cancelError}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {active && !confirming && (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Cancel
          </Button>
        )}
        {active && confirming && (
          <div role="group" aria-label="Confirm cancelling" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            <span>Stop the import? Contacts imported so far stay.</span>
            <Button variant="danger" onClick={cancel} disabled={cancelling}>
              {cancelling ? "Cancelling…" : "Yes, cancel the import"}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)} disabled={cancelling}>
              Keep importing
            </Button>
          </div>
        )}
        {!active && (
          <>
            <Link href={`/contacts${listParamsToQuery({ ...DEFAULT_LIST_PARAMS, filter: importFilter(job.id) })}`} className="text-sm font-medium text-indigo-700 underline underline-offset-2">
              Go to contacts
            </Link>
            <Button variant="secondary" onClick={onImportAnother}>
              Import another file
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

function ImportResult({ job }: { job: ImportJobView }) {
  return (
    <section aria-label="Import result" className="space-y-3">
      {job.status === "failed" && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          The import failed{job.lastError ? `: ${job.lastError}` : "."} Rows imported before the failure stay.
        </p>
      )}
      {job.status === "cancelled" && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Cancelled after {countOf(job.processedRows, "row")}. The contacts imported before stay.
        </p>
      )}
      {job.status === "completed" && <p className="text-sm text-slate-700">Every row of the file has been handled.</p>}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {(
          [
            ["Created", job.createdCount],
            ["Merged", job.mergedCount],
            ["Skipped", job.skippedCount],
            ["Failed", job.failedCount],
            ["Warnings", job.warningCount],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 p-3">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{number.format(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="flex flex-wrap gap-4 text-sm">
        {job.hasErrorFile && (
          <a href={`/api/imports/${job.id}/errors`} download className="font-medium text-indigo-700 underline underline-offset-2">
            Download errors ({countOf(job.failedCount, "row")})
          </a>
        )}
        {job.hasWarningFile && (
          <a href={`/api/imports/${job.id}/warnings`} download className="font-medium text-indigo-700 underline underline-offset-2">
            Download warnings ({countOf(job.warningCount, "row")})
          </a>
        )}
      </p>
    </section>
  );
}
