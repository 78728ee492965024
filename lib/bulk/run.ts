// Raw postgres.js here only for a reserved connection: the job holds its advisory lock on one session while its chunks run.
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, rawSql } from "@/db";
import { noteWrite } from "@/db/replica";
import { useSetWiseSettings } from "@/db/set-wise";
import { bulkJobs, tags, users, type BulkJob } from "@/db/schema";
import { SYSTEM_ACTOR, userActor, type Actor } from "@/lib/audit";
import { DomainError, isRetryable, pgError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/boss";
import type { JobLiveness } from "@/lib/jobs/queues";
import { applyChunk, type ApplyContext } from "./apply";
import { changeOf, type BulkChange } from "./schema";
import { toView, type BulkJobView } from "./view";

/** Contacts per chunk: each chunk is one transaction of a fraction of a second, so no lock is held for long. */
export const CHUNK_SIZE = 5_000;
/** Chunks of one job in flight at once, each on its own connection (set-wise statements are single-threaded). */
export const CHUNK_CONCURRENCY = 2;
const ATTEMPTS_PER_CHUNK = 3;
const MAX_ID = Number.MAX_SAFE_INTEGER;

export interface RunOptions {
  chunkSize?: number;
  concurrency?: number;
  /**
   * Called inside each chunk's transaction after the change and before the chunk is marked done.
   * Tests inject faults here; a throw rolls the chunk back and fails the job.
   */
  onChunk?: (chunk: { index: number; size: number }) => void | Promise<void>;
}

const RUNNABLE = ["pending", "queued", "running", "failed"] as const;
/** The runner's session advisory lock is `bulk_job:<id>` (runBulkJob). */
const BULK_LOCK_PREFIX = "bulk_job:";

/** Serialization failures, deadlocks, a lock wait cut short, or a contact deleted under the chunk: worth another go. */
function transient(error: unknown): boolean {
  const code = pgError(error)?.code;
  return isRetryable(error) || code === "55P03" || code === "23503";
}

async function withRetries<T>(work: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= ATTEMPTS_PER_CHUNK || !transient(error)) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

async function actorOf(userId: number): Promise<Actor> {
  const [user] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return user ? userActor(user) : SYSTEM_ACTOR;
}

async function applyContext(job: BulkJob, change: BulkChange): Promise<ApplyContext> {
  const ctx: ApplyContext = { actor: await actorOf(job.createdById) };
  if (change.action === "add_tags" || change.action === "remove_tags") {
    const rows = await db.select({ id: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, change.tagIds));
    ctx.tagNames = new Map(rows.map((t) => [t.id, t.name]));
  }
  if (change.action === "assign" && change.agentId !== null) {
    const [agent] = await db.select({ name: users.name }).from(users).where(eq(users.id, change.agentId));
    ctx.agentName = agent?.name ?? null;
  }
  return ctx;
}

/** The first item id of each chunk of `size` items not done yet, in order: the chunks are the ranges between them. */
async function chunkStarts(jobId: string, size: number): Promise<number[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select id from (
      select id, row_number() over (order by id) as rn from bulk_job_items where job_id = ${jobId} and done_at is null) s
    where rn % ${size} = 1 order by id`);
  return rows.map((r) => Number(r.id));
}

type ChunkOutcome = { kind: "done"; size: number } | { kind: "stopped" };

/**
 * One chunk, all or nothing: unless the job was cancelled meanwhile, apply the change to the
 * chunk's items not done yet, mark them done and add them to `processed`, in one transaction.
 */
async function runChunk(
  jobId: string,
  change: BulkChange,
  ctx: ApplyContext,
  chunk: { lo: number; hi: number; index: number; checkContacts: boolean },
  options: RunOptions,
): Promise<ChunkOutcome> {
  const { lo, hi, index, checkContacts } = chunk;
  return db.transaction(async (tx) => {
    await useSetWiseSettings(tx, { lockTimeoutMs: 10_000 });
    const [job] = await tx.execute<{ status: string }>(sql`select status from bulk_jobs where id = ${jobId}`);
    if (!job || job.status !== "running") return { kind: "stopped" };
    await applyChunk(tx, change, { jobId, lo, hi, checkContacts }, ctx);
    const [done] = await tx.execute<{ n: number }>(sql`
      with d as (
        update bulk_job_items set done_at = now() where job_id = ${jobId} and id between ${lo} and ${hi} and done_at is null returning 1)
      select count(*)::int as n from d`);
    const size = done?.n ?? 0;
    await options.onChunk?.({ index, size });
    await tx.execute(sql`update bulk_jobs set processed = processed + ${size} where id = ${jobId}`);
    return { kind: "done", size };
  });
}

async function current(jobId: string): Promise<BulkJobView | undefined> {
  const [job] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
  return job ? toView(job) : undefined;
}

/** The chunks, `concurrency` at a time; stops taking new ones at the first failure or a cancel. */
async function runChunks(job: BulkJob, options: RunOptions): Promise<"finished" | "stopped"> {
  const change = changeOf(job.action, job.params);
  const ctx = await applyContext(job, change);
  const size = options.chunkSize ?? CHUNK_SIZE;
  const starts = await chunkStarts(job.id, size);
  let next = 0;
  let stopped = false;
  let failure: unknown;
  const worker = async () => {
    while (!stopped && failure === undefined && next < starts.length) {
      const index = next++;
      const lo = starts[index]!;
      const hi = index + 1 < starts.length ? starts[index + 1]! - 1 : MAX_ID;
      try {
        const outcome = await withRetries((attempt) =>
          runChunk(job.id, change, ctx, { lo, hi, index, checkContacts: attempt > 1 }, options),
        );
        if (outcome.kind === "stopped") stopped = true;
      } catch (error) {
        failure ??= error;
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? CHUNK_CONCURRENCY, starts.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure;
  return stopped ? "stopped" : "finished";
}

/**
 * Runs (or resumes) a bulk job to the end and returns its state. Items already done are skipped,
 * so a job stopped by a crash, a failure or a restart picks up where it was; a completed or
 * cancelled job is left as it is. Chunks are independent transactions (up to `concurrency` at
 * once); one runner per job at a time, held by a session advisory lock (released by PostgreSQL
 * if this process dies) — a second runner returns at once with the job as it stands.
 * A failing chunk is rolled back and the job marked failed with a message for the user; this
 * does not throw for it.
 */
export async function runBulkJob(jobId: string, options: RunOptions = {}): Promise<BulkJobView> {
  const lockKey = `${BULK_LOCK_PREFIX}${jobId}`;
  const session = await rawSql().reserve();
  try {
    const [lock] = await session<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${lockKey}, 0)) as locked`;
    if (!lock?.locked) {
      const view = await current(jobId);
      if (!view) throw new Error(`Bulk job ${jobId} does not exist`);
      return view;
    }
    try {
      return await runLocked(jobId, options);
    } finally {
      await session`select pg_advisory_unlock(hashtextextended(${lockKey}, 0))`;
    }
  } finally {
    session.release();
  }
}

async function runLocked(jobId: string, options: RunOptions): Promise<BulkJobView> {
  const [job] = await db
    .update(bulkJobs)
    .set({ status: "running", lastError: null })
    .where(and(eq(bulkJobs.id, jobId), inArray(bulkJobs.status, [...RUNNABLE])))
    .returning();
  if (!job) {
    const view = await current(jobId);
    if (!view) throw new Error(`Bulk job ${jobId} does not exist`);
    return view;
  }
  try {
    if ((await runChunks(job, options)) === "finished") {
      await db
        .update(bulkJobs)
        .set({ status: "completed", finishedAt: new Date() })
        .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.status, "running")));
      // Whoever started the job sees its changes in the list at once (read-your-writes with a replica).
      await noteWrite({ user: job.createdById });
    }
  } catch (error) {
    const message =
      error instanceof DomainError
        ? error.message
        : "The job stopped on an unexpected error. The contacts done so far stay done; resume the job to finish the rest.";
    if (!(error instanceof DomainError)) console.error(`Bulk job ${jobId} failed`, error);
    await db
      .update(bulkJobs)
      .set({ status: "failed", lastError: message })
      .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.status, "running")));
  }
  return (await current(jobId))!;
}

/**
 * The queue's handler. A failed run throws so that pg-boss retries it later (it resumes); so does
 * a job another runner holds, in case that runner is gone for good.
 */
export async function runBulkJobFromQueue(jobId: string): Promise<void> {
  const view = await runBulkJob(jobId);
  if (view.status === "failed") throw new Error(`Bulk job ${jobId} failed: ${view.lastError}`);
  if (view.status !== "completed" && view.status !== "cancelled") throw new Error(`Bulk job ${jobId} is being run elsewhere`);
}

/**
 * Jobs a stopped server left queued or half-done go back on the queue when workers start. A job
 * still running elsewhere is harmless to queue again: one runner per job at a time.
 */
export async function recoverBulkJobs(take: (jobId: string) => boolean = () => true): Promise<void> {
  const stuck = await db
    .select({ id: bulkJobs.id })
    .from(bulkJobs)
    .where(inArray(bulkJobs.status, ["pending", "queued", "running"]));
  for (const { id } of stuck) if (take(id)) await enqueue("bulk-action", { jobId: id });
}

/** A running bulk job whose runner's lock is gone is taken over by another instance (lib/jobs/takeover.ts). */
export const bulkJobLiveness: JobLiveness = {
  running: async () => (await db.select({ id: bulkJobs.id }).from(bulkJobs).where(eq(bulkJobs.status, "running"))).map((r) => r.id),
  lockPrefix: BULK_LOCK_PREFIX,
};
