import { eq } from "drizzle-orm";
import { db } from "@/db";
import { importJobs } from "@/db/schema";
import { enqueue } from "@/lib/jobs/boss";
import type { QueueHandler } from "@/lib/jobs/queues";
import { expireAbandonedUploads } from "./jobs";
import { IMPORT_LOCK_PREFIX, markImportFailed, runImportJob } from "./run-job";

/**
 * The import on the job queue (lib/jobs): enqueueing, and the handler lib/jobs/workers.ts runs.
 * Nothing else in lib/import knows about the queue.
 */

/** Puts an import on the queue; a worker of any app instance picks it up. */
export async function enqueueImport(jobId: string): Promise<void> {
  await enqueue("import", { jobId });
}

export const importQueueHandler: QueueHandler<"import"> = {
  run: async ({ jobId }, { retryCount, retryLimit }) => {
    try {
      await runImportJob(jobId);
    } catch (error) {
      console.error(`Import ${jobId} failed (attempt ${retryCount + 1} of ${retryLimit + 1})`, error);
      if (retryCount >= retryLimit) {
        await markImportFailed(jobId, "The import stopped after several attempts. The rows imported so far stay; upload the rest again.");
      }
      throw error;
    }
  },
  // A restarted server resumes the imports it left running from their checkpoint at once, instead
  // of waiting for pg-boss to expire the dead worker's job; runImportJob's advisory lock makes a
  // duplicate harmless.
  recover: async (take) => {
    const interrupted = await db.select({ id: importJobs.id }).from(importJobs).where(eq(importJobs.status, "running"));
    for (const { id } of interrupted) if (take(id)) await enqueueImport(id);
  },
  // An import whose instance died is taken over by another within seconds (lib/jobs/takeover.ts).
  liveness: {
    running: async () => (await db.select({ id: importJobs.id }).from(importJobs).where(eq(importJobs.status, "running"))).map((r) => r.id),
    lockPrefix: IMPORT_LOCK_PREFIX,
  },
  // Uploads left unstarted for a day are cancelled and their files removed.
  housekeeping: { everyMs: 60 * 60 * 1000, run: async () => void (await expireAbandonedUploads()) },
};
