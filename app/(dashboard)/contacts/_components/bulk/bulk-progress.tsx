"use client";

import { useRouter } from "next/navigation";
import { jobEnded, usePolledJob } from "@/components/jobs/use-polled-job";
import { Button } from "@/components/ui/button";
import type { BulkJobView } from "@/lib/bulk/view";
import { cancelBulkJob } from "../../bulk-actions";
import { countOf } from "@/lib/plural";

const fmt = new Intl.NumberFormat("en-US");

/** A bulk job's progress and result, polled through GET /api/bulk-jobs/:id. */
export function BulkProgress({ job: initial, label, onDone }: { job: BulkJobView; label: string; onDone: () => void }) {
  const router = useRouter();
  // When the job ends the list is refreshed on Close, not here: a refresh that empties the list
  // (after a delete) would unmount this dialog before the user reads the result.
  const [job, setJob] = usePolledJob(initial, `/api/bulk-jobs/${initial.id}`);
  const percent = job.total ? Math.round((job.processed / job.total) * 100) : 100;
  const done = jobEnded(job.status);
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
