import { and, desc, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { bulkJobs } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/boss";
import { toView, type BulkJobView } from "./view";

const GONE = "This bulk action no longer exists.";

/** One job's progress, for polling. Bulk jobs are visible to every supervisor and admin (team work). */
export async function getBulkJob(jobId: string): Promise<BulkJobView> {
  const [job] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
  if (!job) throw new NotFoundError(GONE);
  return toView(job);
}

/** The jobs still under way, then the most recent finished ones: what a reloaded page shows progress for. */
export async function listBulkJobs(options: { limit?: number } = {}): Promise<BulkJobView[]> {
  const limit = options.limit ?? 10;
  const [active, recent] = await Promise.all([
    db.select().from(bulkJobs).where(inArray(bulkJobs.status, ["pending", "queued", "running", "failed"])).orderBy(desc(bulkJobs.createdAt)).limit(limit),
    db.select().from(bulkJobs).where(inArray(bulkJobs.status, ["completed", "cancelled"])).orderBy(desc(bulkJobs.createdAt)).limit(limit),
  ]);
  return [...active, ...recent].slice(0, limit).map(toView);
}

/**
 * Cancels a job that has not finished. The chunk in flight completes (it is one transaction, and
 * the cancel waits for its lock); no chunk starts after it. What was done stays done.
 */
export async function cancelBulkJob(jobId: string, actor: Actor): Promise<BulkJobView> {
  return db.transaction(async (tx) => {
    const [job] = await tx.select().from(bulkJobs).where(eq(bulkJobs.id, jobId)).for("update");
    if (!job) throw new NotFoundError(GONE);
    if (job.status === "completed" || job.status === "cancelled") {
      throw new ConflictError(job.status === "completed" ? "This bulk action has already finished." : "This bulk action was already cancelled.");
    }
    const [cancelled] = await tx
      .update(bulkJobs)
      .set({ status: "cancelled", finishedAt: new Date() })
      .where(eq(bulkJobs.id, jobId))
      .returning();
    await recordAudit(tx, actor, {
      action: "contacts.bulk.cancel",
      entityType: "bulk_job",
      entityId: jobId,
      before: { status: job.status, processed: job.processed, total: job.total },
      after: { status: "cancelled" },
    });
    return toView(cancelled!);
  });
}

/** Puts a failed job back on the queue; it resumes after the contacts already done. */
export async function resumeBulkJob(jobId: string): Promise<BulkJobView> {
  const [job] = await db
    .update(bulkJobs)
    .set({ status: "queued", lastError: null })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.status, "failed")))
    .returning();
  if (!job) {
    const view = await getBulkJob(jobId);
    throw new ConflictError(`Only a failed bulk action can be resumed; this one is ${view.status}.`);
  }
  await enqueue("bulk-action", { jobId });
  return toView(job);
}
