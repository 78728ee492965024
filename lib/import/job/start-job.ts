import { eq } from "drizzle-orm";
import { db } from "@/db";
import { attributeDefinitions, importJobs } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { jobSettings } from "./job-file";
import { getImportJob, type ImportJobView } from "./jobs";
import { checkMapping } from "../map/targets";

export type Enqueue = (jobId: string) => Promise<void>;

/**
 * The Import step's button: a reviewed job goes on the queue. The mapping is checked once more (a
 * custom attribute may have been deleted since the review).
 */
export async function startImportJob(jobId: string, actor: Actor, enqueue: Enqueue): Promise<ImportJobView> {
  await db.transaction(async (tx) => {
    const [job] = await tx.select().from(importJobs).where(eq(importJobs.id, jobId)).for("update");
    if (!job) throw new NotFoundError("This import does not exist (any more).");
    if (job.status !== "pending") throw new ConflictError("This import has already been started.");
    const { mapping, options } = jobSettings(job);
    const attributes = await tx.select().from(attributeDefinitions);
    const problems = checkMapping(job.headers ?? [], mapping, attributes);
    if (problems.length) throw new ValidationError(problems[0]!, { mapping: problems });
    await tx.update(importJobs).set({ status: "queued" }).where(eq(importJobs.id, jobId));
    await recordAudit(tx, actor, { action: "import.start", entityType: "import_job", entityId: jobId, after: { fileName: job.fileName, mapping, options } });
  });
  try {
    await enqueue(jobId);
  } catch (error) {
    console.error(`Import ${jobId} could not be queued`, error);
    await db.update(importJobs).set({ status: "pending" }).where(eq(importJobs.id, jobId));
    throw new DomainError("The import could not be queued. Nothing was imported; please try again.", "unavailable", 503);
  }
  return (await getImportJob(jobId)).view;
}
