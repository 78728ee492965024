"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { DuplicateJobView } from "@/lib/duplicates/jobs";

const FINAL = new Set(["completed", "failed", "cancelled"]);

/**
 * Follows a duplicate job until it ends by polling GET /api/duplicate-jobs/:id (a GET, as the bulk
 * and import progress bars poll theirs: server actions run one at a time per page), then refreshes
 * the page so the clusters shown are the new ones.
 */
export function JobProgress({ job: initial, label, children }: { job: DuplicateJobView; label: string; children?: (job: DuplicateJobView) => React.ReactNode }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  useEffect(() => {
    if (FINAL.has(job.status)) {
      router.refresh();
      return;
    }
    let stopped = false;
    const timer = setTimeout(async () => {
      // A failed poll (network, a restart) keeps the last state and tries again.
      const next = await fetch(`/api/duplicate-jobs/${job.id}`, { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<{ job: DuplicateJobView }>) : null))
        .catch(() => null);
      if (!stopped) setJob(next ? next.job : { ...job });
    }, 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job, router]);
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
