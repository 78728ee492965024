import { and, desc, eq, inArray } from "drizzle-orm";
import { db, rawSql } from "@/db";
import { duplicateJobs, users, type DuplicateJob } from "@/db/schema";
import { SYSTEM_ACTOR, userActor, type Actor } from "@/lib/audit";
import { ConflictError, DomainError, NotFoundError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/boss";
import type { QueueHandler } from "@/lib/jobs/queues";
import { exactClusterIds } from "./clusters";
import { computeDuplicates } from "./compute";
import { mergeExactClusters } from "./merge-all";

const UNFINISHED = ["pending", "queued", "running"] as const;
/** The runner's session advisory lock is `duplicate_job:<id>` (runDuplicateJob). */
const DUPLICATE_LOCK_PREFIX = "duplicate_job:";

export type DuplicateJobView = Pick<DuplicateJob, "id" | "kind" | "status" | "total" | "processed" | "result" | "lastError" | "createdAt" | "finishedAt">;

function view(job: DuplicateJob): DuplicateJobView {
  const { id, kind, status, total, processed, result, lastError, createdAt, finishedAt } = job;
  return { id, kind, status, total, processed, result, lastError, createdAt, finishedAt };
}

export async function getDuplicateJob(jobId: string): Promise<DuplicateJobView> {
  const [job] = await db.select().from(duplicateJobs).where(eq(duplicateJobs.id, jobId));
  if (!job) throw new NotFoundError("This duplicate job no longer exists.");
  return view(job);
}

/** The page's header: when the clusters were last computed, and the job of each kind still running. */
export async function duplicateStatus(): Promise<{ computedAt: Date | null; compute: DuplicateJobView | null; mergeAll: DuplicateJobView | null }> {
  const latest = (kind: DuplicateJob["kind"]) =>
    db.select().from(duplicateJobs).where(and(eq(duplicateJobs.kind, kind), inArray(duplicateJobs.status, [...UNFINISHED]))).orderBy(desc(duplicateJobs.createdAt)).limit(1);
  const [[done], [compute], [mergeAll]] = await Promise.all([
    db.select({ at: duplicateJobs.finishedAt }).from(duplicateJobs).where(and(eq(duplicateJobs.kind, "compute"), eq(duplicateJobs.status, "completed"))).orderBy(desc(duplicateJobs.finishedAt)).limit(1),
    latest("compute"),
    latest("merge_exact"),
  ]);
  return { computedAt: done?.at ?? null, compute: compute ? view(compute) : null, mergeAll: mergeAll ? view(mergeAll) : null };
}

async function start(kind: DuplicateJob["kind"], actor: Actor, params: Record<string, unknown>, total: number): Promise<DuplicateJobView> {
  const [running] = await db.select().from(duplicateJobs).where(and(eq(duplicateJobs.kind, kind), inArray(duplicateJobs.status, [...UNFINISHED]))).limit(1);
  // One of each kind at a time: a second click follows the job already under way.
  if (running) return view(running);
  const [job] = await db.insert(duplicateJobs).values({ kind, params, total, createdById: actor.id, status: "queued" }).returning();
  await enqueue("duplicates", { jobId: job!.id });
  return view(job!);
}

/** "Recompute": a full computation in the background. */
export function startCompute(actor: Actor): Promise<DuplicateJobView> {
  return start("compute", actor, {}, 0);
}

/** "Merge all exact clusters": the exact clusters standing now, merged one by one in the background. */
export async function startMergeAll(actor: Actor): Promise<DuplicateJobView> {
  const clusterIds = await exactClusterIds();
  if (clusterIds.length === 0) throw new ConflictError("There are no exact clusters to merge.");
  return start("merge_exact", actor, { clusterIds }, clusterIds.length);
}

async function actorOf(userId: number | null): Promise<Actor> {
  if (userId === null) return SYSTEM_ACTOR;
  const [user] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return user ? userActor(user) : SYSTEM_ACTOR;
}

const progress = (jobId: string) => async (processed: number, total: number) => {
  await db.update(duplicateJobs).set({ processed, total }).where(eq(duplicateJobs.id, jobId));
};

/**
 * Runs a duplicate job to its end; one runner per job (a session advisory lock, released by
 * PostgreSQL if the process dies). A computation is run again from the start when retried; "Merge
 * all" goes on with the clusters not merged yet (merged ones have lost their contacts).
 */
export async function runDuplicateJob(jobId: string): Promise<DuplicateJobView> {
  const lockKey = `${DUPLICATE_LOCK_PREFIX}${jobId}`;
  const session = await rawSql().reserve();
  try {
    const [lock] = await session<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${lockKey}, 0)) as locked`;
    if (!lock?.locked) return getDuplicateJob(jobId);
    try {
      const [job] = await db
        .update(duplicateJobs)
        .set({ status: "running", lastError: null })
        .where(and(eq(duplicateJobs.id, jobId), inArray(duplicateJobs.status, [...UNFINISHED, "failed"])))
        .returning();
      if (!job) return getDuplicateJob(jobId);
      try {
        const result =
          job.kind === "compute"
            ? { ...(await computeDuplicates({ onProgress: progress(jobId) })) }
            : { ...(await mergeExactClusters((job.params.clusterIds as number[]) ?? [], await actorOf(job.createdById), progress(jobId))) };
        await db.update(duplicateJobs).set({ status: "completed", result, finishedAt: new Date() }).where(eq(duplicateJobs.id, jobId));
      } catch (error) {
        console.error(`Duplicate job ${jobId} failed`, error);
        const message = error instanceof DomainError ? error.message : "The job stopped on an unexpected error. Start it again.";
        await db.update(duplicateJobs).set({ status: "failed", lastError: message, finishedAt: new Date() }).where(eq(duplicateJobs.id, jobId));
      }
      return getDuplicateJob(jobId);
    } finally {
      await session`select pg_advisory_unlock(hashtextextended(${lockKey}, 0))`;
    }
  } finally {
    session.release();
  }
}

export const duplicatesQueueHandler: QueueHandler<"duplicates"> = {
  run: async (data) => {
    await runDuplicateJob(data.jobId);
  },
  // A server stopped mid-job: its unfinished jobs go back on the queue.
  recover: async (take) => {
    const rows = await db.select({ id: duplicateJobs.id }).from(duplicateJobs).where(inArray(duplicateJobs.status, [...UNFINISHED]));
    for (const { id } of rows) if (take(id)) await enqueue("duplicates", { jobId: id });
  },
  // A job whose instance died is taken over by another within seconds (lib/jobs/takeover.ts).
  liveness: {
    running: async () => (await db.select({ id: duplicateJobs.id }).from(duplicateJobs).where(eq(duplicateJobs.status, "running"))).map((r) => r.id),
    lockPrefix: DUPLICATE_LOCK_PREFIX,
  },
};
