// Raw postgres.js: reads pg_locks and pg-boss's job table, which the Drizzle schema does not describe.
import { rawSql } from "@/db";
import { enqueue, getBoss } from "./boss";
import type { JobLiveness, QueueName, QueuePayloads } from "./queues";

/**
 * Takeover of a job whose app instance died. A runner holds its job's session advisory lock for as
 * long as it runs (lib/import/job/run-job.ts, lib/bulk/run.ts, lib/duplicates/jobs.ts), and
 * PostgreSQL releases that lock as soon as the runner's connection is gone: the lock is the job's
 * heartbeat, kept by the database itself. Every instance looks every TAKEOVER_EVERY_MS for jobs that
 * say they are running while nobody holds their lock and no queue entry is about to run them, and
 * puts them back on the queue; whichever instance is free takes the job and resumes it from its
 * checkpoint. The lock also keeps a second runner off a job that is alive (it returns at once), so a
 * job never runs twice at once.
 *
 * pg-boss's own expiry (QueueOptions.expireInSeconds, hours for an import) stays as the last resort;
 * when it fires on the dead instance's entry later, the job is finished and the retry does nothing.
 */
export const TAKEOVER_EVERY_MS = 2_000;

/**
 * A queue entry taken this recently may not have reached its runner's lock yet (pg-boss marks it
 * active, then calls the handler, which takes the lock within milliseconds): it counts as alive.
 */
export const STARTING_GRACE_SECONDS = 10;

/** Queues whose payload names one job of ours. */
export type JobQueue = { [N in QueueName]: QueuePayloads[N] extends { jobId: string } ? N : never }[QueueName];

/**
 * Of `jobIds` (jobs that say they are running), those whose runner is gone: no session holds the
 * job's advisory lock in this database, and no entry of `queue` for it waits to run, is retried, or
 * was taken in the last STARTING_GRACE_SECONDS.
 */
export async function orphanedJobs(queue: JobQueue, jobIds: string[], lockPrefix: string): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const sql = rawSql();
  // A bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low), objsubid 1.
  const rows = await sql<{ id: string }[]>`
    select t.id from unnest(${jobIds}::text[]) as t(id)
    where not exists (
      select 1 from pg_locks l
      where l.locktype = 'advisory' and l.objsubid = 1
        and l.database = (select oid from pg_database where datname = current_database())
        and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(${lockPrefix} || t.id, 0))
    and not exists (
      select 1 from pgboss.job j
      where j.name = ${queue} and j.data->>'jobId' = t.id
        and (j.state in ('created', 'retry')
          or (j.state = 'active' and j.started_on > now() - make_interval(secs => ${STARTING_GRACE_SECONDS}))))`;
  return rows.map((r) => r.id);
}

/**
 * One look for `queue`'s orphaned jobs (those `take` accepts), each put back on the queue once. One
 * instance looks at a time (a lock of its own), so two instances never queue the same orphan twice.
 * Returns the ids queued.
 */
export async function takeOverOrphans(queue: JobQueue, liveness: JobLiveness, take: (jobId: string) => boolean = () => true): Promise<string[]> {
  const running = (await liveness.running()).filter(take);
  if (running.length === 0) return [];
  await getBoss(); // its schema, which orphanedJobs reads
  const session = await rawSql().reserve();
  const key = `jobs:takeover:${queue}`;
  try {
    const [lock] = await session<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`;
    if (!lock?.locked) return [];
    try {
      const orphans = await orphanedJobs(queue, running, liveness.lockPrefix);
      for (const jobId of orphans) {
        console.warn(`Job ${jobId} of the ${queue} queue lost its runner (its instance stopped): queued again to resume from its checkpoint.`);
        await enqueue(queue, { jobId } as QueuePayloads[typeof queue]);
      }
      return orphans;
    } finally {
      await session`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
    }
  } finally {
    session.release();
  }
}
