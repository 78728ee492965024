"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { BulkJobView } from "@/lib/bulk/view";
import { bulkJobStatus, cancelBulkJob } from "../../bulk-actions";

const FINAL = new Set(["completed", "failed", "cancelled"]);
const fmt = new Intl.NumberFormat("en-US");

/** Follows a bulk job until it ends; the list refreshes when it does. */
export function BulkProgress({ job: initial, label, onDone }: { job: BulkJobView; label: string; onDone: () => void }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  useEffect(() => {
    if (FINAL.has(job.status)) {
      router.refresh();
      return;
    }
    const timer = setTimeout(async () => {
      const result = await bulkJobStatus({ jobId: job.id });
      if (result.ok) setJob(result.data!);
    }, 1000);
    return () => clearTimeout(timer);
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
          ? `Done: ${fmt.format(job.processed)} of ${fmt.format(job.total)} contacts.`
          : job.status === "failed"
            ? `Stopped after ${fmt.format(job.processed)} of ${fmt.format(job.total)}: ${job.lastError ?? "an error"}. The finished part stays done.`
            : job.status === "cancelled"
              ? `Cancelled after ${fmt.format(job.processed)} of ${fmt.format(job.total)} contacts.`
              : `${fmt.format(job.processed)} of ${fmt.format(job.total)} contacts…`}
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
        {done && <Button onClick={onDone}>Close</Button>}
      </div>
    </div>
  );
}
