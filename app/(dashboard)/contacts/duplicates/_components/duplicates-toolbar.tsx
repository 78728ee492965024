"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ExactSummary } from "@/lib/duplicates/clusters";
import type { DuplicateJobView } from "@/lib/duplicates/jobs";
import type { MergeAllResult } from "@/lib/duplicates/merge-all";
import { countOf } from "@/lib/plural";
import { mergeAllDuplicates, recomputeDuplicates } from "../actions";
import { JobProgress } from "./job-progress";

interface ToolbarProps {
  compute: DuplicateJobView | null;
  mergeAll: DuplicateJobView | null;
  summary: ExactSummary;
}

/** Recompute (a background job with its progress) and Merge all exact clusters (counts first, then a job). */
export function DuplicatesToolbar({ compute: running, mergeAll: merging, summary }: ToolbarProps) {
  const [compute, setCompute] = useState(running);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(Boolean(merging));
  const [mergeJob, setMergeJob] = useState(merging);
  const [mergeError, setMergeError] = useState<string | null>(null);
  const computing = compute && (compute.status === "queued" || compute.status === "pending" || compute.status === "running");

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={pending || Boolean(computing)}
          onClick={() =>
            start(async () => {
              const result = await recomputeDuplicates({});
              if (result.ok) setCompute(result.data!);
              setError(result.ok ? null : result.message);
            })
          }
        >
          Recompute
        </Button>
        <Button variant="secondary" disabled={summary.clusters === 0 && !mergeJob} onClick={() => setConfirming(true)}>
          Merge all exact clusters
        </Button>
      </div>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {compute && <JobProgress key={compute.id} job={compute} label="Looking for duplicates">{(job) => (job.status === "completed" ? "Done: the clusters below are the new ones." : `Looking for duplicates: step ${job.processed} of ${job.total || "…"}`)}</JobProgress>}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Merge all exact clusters">
        {mergeJob ? (
          <div className="space-y-4">
            <JobProgress key={mergeJob.id} job={mergeJob} label="Merging exact clusters">
              {(job) => (job.status === "completed" ? describeResult(job.result as unknown as MergeAllResult) : `Merged ${job.processed} of ${countOf(job.total, "cluster")}…`)}
            </JobProgress>
            <div className="flex justify-end">
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Close
              </Button>
            </div>
          </div>
        ) : (
          <div className="space-y-4 text-sm">
            <p>
              {countOf(summary.clusters, "exact cluster")} ({countOf(summary.contacts, "contact")}) will be merged, each into its
              oldest contact, as the merge drawer would. Each merge is recorded in the audit log. A cluster whose contacts change in
              the meantime is skipped.
            </p>
            {summary.tooLarge > 0 && <p>{countOf(summary.tooLarge, "cluster")} with more than 25 contacts stay for the merge drawer.</p>}
            {mergeError && <p role="alert" className="text-red-700">{mergeError}</p>}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirming(false)} autoFocus>
                Cancel
              </Button>
              <Button
                variant="danger"
                disabled={pending}
                onClick={() =>
                  start(async () => {
                    const result = await mergeAllDuplicates({});
                    if (result.ok) setMergeJob(result.data!);
                    setMergeError(result.ok ? null : result.message);
                  })
                }
              >
                Merge {countOf(summary.clusters, "cluster")}
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </div>
  );
}

function describeResult(result: MergeAllResult | null): React.ReactNode {
  if (!result) return "Done.";
  return (
    <>
      Merged {countOf(result.merged, "cluster")} ({countOf(result.mergedContacts, "contact")}).
      {result.skipped.length > 0 && (
        <>
          {" "}Skipped {countOf(result.skipped.length, "cluster")}:
          <ul className="mt-1 list-disc pl-5">
            {result.skipped.map((s) => (
              <li key={s.clusterId}>
                {s.contactKeys.join(", ")}: {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
