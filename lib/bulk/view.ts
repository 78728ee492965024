import type { BulkJob } from "@/db/schema";
import type { BulkActionKind, JobStatus } from "@/db/schema/enums";
import { countOf } from "@/lib/plural";

/** A bulk job as the progress UI shows it. */
export interface BulkJobView {
  id: string;
  action: BulkActionKind;
  /** The action's parameters as stored: `{ tagIds }`, `{ agentId }`, `{ status }`, `{ blocked }` or `{}`. */
  params: Record<string, unknown>;
  status: JobStatus;
  total: number;
  processed: number;
  lastError: string | null;
  createdById: number;
  createdAt: Date;
  finishedAt: Date | null;
}

export function toView(job: BulkJob): BulkJobView {
  return {
    id: job.id,
    action: job.action,
    params: job.params,
    status: job.status,
    total: job.total,
    processed: job.processed,
    lastError: job.lastError,
    createdById: job.createdById,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export const BULK_ACTION_LABELS: Record<BulkActionKind, string> = {
  add_tags: "Add tags",
  remove_tags: "Remove tags",
  assign: "Assign to",
  subscription: "Subscription",
  block: "Block",
  delete: "Delete",
  export: "Export CSV",
  restore: "Restore",
  purge: "Delete forever",
};


/** One line for a toast or the progress bar: "Tagged 12,408 contacts.", "Deleting 40,000 contacts…". */
export function describeJob(job: Pick<BulkJobView, "action" | "params" | "status" | "total" | "processed" | "lastError">): string {
  const n = countOf(job.total, "contact");
  const done: Record<BulkActionKind, string> = {
    add_tags: `Tagged ${n}.`,
    remove_tags: `Removed tags from ${n}.`,
    assign: `Assigned ${n}.`,
    subscription: `Updated the subscription of ${n}.`,
    block: job.params.blocked === false ? `Unblocked ${n}.` : `Blocked ${n}.`,
    delete: `Moved ${n} to Trash.`,
    export: `Exported ${n}.`,
    restore: `Restored ${n}.`,
    purge: `Deleted ${n} forever.`,
  };
  switch (job.status) {
    case "completed":
      return done[job.action];
    case "failed":
      return `Stopped after ${job.processed.toLocaleString("en-US")} of ${n}: ${job.lastError ?? "an error"}`;
    case "cancelled":
      return `Cancelled after ${job.processed.toLocaleString("en-US")} of ${n}.`;
    default:
      return `${BULK_ACTION_LABELS[job.action]}: ${job.processed.toLocaleString("en-US")} of ${n} done…`;
  }
}
