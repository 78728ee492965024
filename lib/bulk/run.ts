import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Database } from "@/db";
import { bulkJobs, users, type BulkJob } from "@/db/schema";
import { SYSTEM_ACTOR, userActor, type Actor } from "@/lib/audit";
import { DomainError, isRetryable, pgError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/boss";
import { applyChunk, type ApplyContext } from "./apply";
import { toView, type BulkJobView } from "./view";
import { changeOf } from "./schema";

/** Contacts per chunk: each chunk is one transaction of a fraction of a second, so no lock is held for long. */
export const CHUNK_SIZE = 5_000;
const ATTEMPTS_PER_CHUNK = 3;

export interface RunOptions {
  db?: Database;
  chunkSize?: number;
  /**
   * Called inside each chunk's transaction after the change and before the chunk is marked done.
   * Tests inject faults here; a throw rolls the chunk back and fails the job.
   */
  onChunk?: (chunk: { index: number; size: number }) => void | Promise<void>;
}

const RUNNABLE = ["pending", "queued", "running", "failed"] as const;

/** Serialization failures, deadlocks, a lock wait cut short, or a contact deleted under the chunk: worth another go. */
function transient(error: unknown): boolean {
  const code = pgError(error)?.code;
  return isRetryable(error) || code === "55P03" || code === "23503";
}

async function actorOf(exec: Database, userId: number): Promise<Actor> {
  const [user] = await exec.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  return user ? userActor(user) : SYSTEM_ACTOR;
}

async function applyContext(exec: Database, job: BulkJob): Promise<ApplyContext> {
  const change = changeOf(job.action, job.params);
  const ctx: ApplyContext = { actor: await actorOf(exec, job.createdById) };
  if (change.action === "assign" && change.agentId !== null) {
    const [agent] = await exec.select({ name: users.name }).from(users).where(eq(users.id, change.agentId));
    ctx.agentName = agent?.name ?? null;
  }
  return ctx;
}

type ChunkOutcome = { kind: "done"; hi: number; size: number } | { kind: "finished" } | { kind: "stopped" };

/**
 * One chunk, all or nothing: lock the job row (so two runners of one job take turns and a cancel
 * waits for the chunk in flight), take the next items not done after `after`, apply the change,
 * mark the items done and count them.
 */
async function runChunk(exec: Database, job: BulkJob, ctx: ApplyContext, after: number, index: number, options: RunOptions): Promise<ChunkOutcome> {
  const change = changeOf(job.action, job.params);
  const size = options.chunkSize ?? CHUNK_SIZE;
  return exec.transaction(async (tx) => {
    await tx.execute(sql`set local lock_timeout = '10s'`);
    const [current] = await tx.execute<{ status: string }>(sql`select status from bulk_jobs where id = ${job.id} for update`);
    if (!current || current.status === "cancelled" || current.status === "completed") return { kind: "stopped" };
    const [range] = await tx.execute<{ lo: string | null; hi: string | null; n: number }>(sql`
      select min(id) as lo, max(id) as hi, count(*)::int as n from (
        select id from bulk_job_items where job_id = ${job.id} and id > ${after} and done_at is null order by id limit ${size}) s`);
    if (!range || range.n === 0) return { kind: "finished" };
    const lo = Number(range.lo);
    const hi = Number(range.hi);
    await applyChunk(tx, change, { jobId: job.id, lo, hi }, ctx);
    await options.onChunk?.({ index, size: range.n });
    await tx.execute(sql`
      update bulk_job_items set done_at = now() where job_id = ${job.id} and id between ${lo} and ${hi} and done_at is null`);
    await tx.execute(sql`update bulk_jobs set processed = processed + ${range.n} where id = ${job.id}`);
    return { kind: "done", hi, size: range.n };
  });
}

async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS_PER_CHUNK || !transient(error)) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

async function current(exec: Database, jobId: string): Promise<BulkJobView | undefined> {
  const [job] = await exec.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
  return job ? toView(job) : undefined;
}

/**
 * Runs (or resumes) a bulk job to the end, chunk by chunk, and returns its state. Items already
 * done are skipped, so a job stopped by a crash, a failure or a restart picks up where it was.
 * A completed or cancelled job is left as it is. A failing chunk is rolled back and the job marked
 * failed (with a message for the user); it does not throw, except for a job that does not exist.
 */
export async function runBulkJob(jobId: string, options: RunOptions = {}): Promise<BulkJobView> {
  const exec = options.db ?? db;
  const [job] = await exec
    .update(bulkJobs)
    .set({ status: "running", lastError: null })
    .where(and(eq(bulkJobs.id, jobId), inArray(bulkJobs.status, [...RUNNABLE])))
    .returning();
  if (!job) {
    const view = await current(exec, jobId);
    if (!view) throw new Error(`Bulk job ${jobId} does not exist`);
    return view;
  }
  let after = 0;
  let index = 0;
  try {
    const ctx = await applyContext(exec, job);
    for (;;) {
      const outcome = await withRetries(() => runChunk(exec, job, ctx, after, index, options));
      if (outcome.kind === "stopped") break;
      if (outcome.kind === "finished") {
        await exec
          .update(bulkJobs)
          .set({ status: "completed", finishedAt: new Date() })
          .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.status, "running")));
        break;
      }
      after = outcome.hi;
      index++;
    }
  } catch (error) {
    const message =
      error instanceof DomainError
        ? error.message
        : "The job stopped on an unexpected error. The contacts done so far stay done; resume the job to finish the rest.";
    if (!(error instanceof DomainError)) console.error(`Bulk job ${jobId} failed`, error);
    await exec
      .update(bulkJobs)
      .set({ status: "failed", lastError: message })
      .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.status, "running")));
  }
  return (await current(exec, jobId))!;
}

/** The queue's handler: a failed run throws so that pg-boss retries it later (it resumes). */
export async function runBulkJobFromQueue(jobId: string): Promise<void> {
  const view = await runBulkJob(jobId);
  if (view.status === "failed") throw new Error(`Bulk job ${jobId} failed: ${view.lastError}`);
}

/**
 * Jobs a stopped server left queued or half-done go back on the queue when workers start. A job
 * still running elsewhere is harmless to queue again: runners of one job take turns per chunk.
 */
export async function recoverBulkJobs(): Promise<void> {
  const stuck = await db
    .select({ id: bulkJobs.id })
    .from(bulkJobs)
    .where(inArray(bulkJobs.status, ["pending", "queued", "running"]));
  for (const { id } of stuck) await enqueue("bulk-action", { jobId: id });
}
