"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { jobEnded, usePolledJob } from "@/components/jobs/use-polled-job";
import type { DuplicateJobView } from "@/lib/duplicates/jobs";

/** A duplicate job's progress bar, polled through GET /api/duplicate-jobs/:id. */
export function JobProgress({ job: initial, label, children }: { job: DuplicateJobView; label: string; children?: (job: DuplicateJobView) => React.ReactNode }) {
  const router = useRouter();
  const [job] = usePolledJob(initial, `/api/duplicate-jobs/${initial.id}`);
  // When the job ends the page refreshes, so the clusters shown are the new ones.
  useEffect(() => {
    if (jobEnded(job.status)) router.refresh();
  }, [job.status, router]);
  const max = Math.max(job.total, 1);
  return (
    <div className="space-y-2">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={job.processed} className="h-2 overflow-hidden rounded-full bg-slate-200">
        <div className="h-full bg-indigo-600 transition-all" style={{ width: `${Math.round((job.processed / max) * 100)}%` }} />
      </div>
      <p role="status" className="text-sm text-slate-700">
        {job.status === "failed" ? `Stopped: ${job.lastError ?? "an error"}` : children ? children(job) : `${label}…`}
      </p>
    </div>
  );
}
