"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { BulkJobView } from "@/lib/bulk/view";
import { cancelBulkJob } from "../../bulk-actions";
import { countOf } from "@/lib/plural";

const FINAL = new Set(["completed", "failed", "cancelled"]);
const fmt = new Intl.NumberFormat("en-US");

/**
 * Follows a bulk job until it ends by polling GET /api/bulk-jobs/:id, the way the import wizard
 * polls GET /api/imports/:id: a GET, because server actions run one at a time per page and a poll
 * would hold up the user's other actions. The list refreshes when the user closes the result.
 */
export function BulkProgress({ job: initial, label, onDone }: { job: BulkJobView; label: string; onDone: () => void }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  useEffect(() => {
    // When the job ends the list is refreshed on Close, not here: a refresh that empties the list
    // (after a delete) would unmount this dialog before the user reads the result.
    if (FINAL.has(job.status)) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      // A failed poll (network, a restart) keeps the last state and tries again.
      const next = await fetch(`/api/bulk-jobs/${job.id}`, { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<{ job: BulkJobView }>) : null))
        .catch(() => null);
      if (!stopped) setJob(next ? next.job : { ...job });
    }, 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job, router]);
  const percent = job.total ? Math.round((job.processed / job.total) * 100) : 100;
  const done = FINAL.has(job.status);
  return (
    <div className="space-y-3">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.processed}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p role="status" className="text-sm text-slate-700">
        {job.status === "completed"
          ? `Done: ${fmt.format(job.processed)} of ${countOf(job.total, "contact")}.`
          : job.status === "failed"
            ? `Stopped after ${fmt.format(job.processed)} of ${fmt.format(job.total)}: ${job.lastError ?? "an error"}. The finished part stays done.`
            : job.status === "cancelled"
              ? `Cancelled after ${fmt.format(job.processed)} of ${countOf(job.total, "contact")}.`
              : `${fmt.format(job.processed)} of ${countOf(job.total, "contact")}…`}
      </p>
      <div className="flex justify-end gap-2">
        {!done && (
          <Button variant="secondary" onClick={async () => {
            const result = await cancelBulkJob({ jobId: job.id });
            if (result.ok) setJob(result.data!);
          }}>
            Cancel
          </Button>
        )}
        {done && (
          <Button
            onClick={() => {
              onDone();
              router.refresh();
            }}
          >
            Close
          </Button>
        )}
      </div>
    </div>
  );
}
