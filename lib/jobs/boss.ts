import PgBoss from "pg-boss";
import { QUEUES, type QueueName, type QueuePayloads } from "./queues";

/**
 * The job queue: pg-boss 10 on the application's own PostgreSQL database, in the schema `pgboss`
 * (which pg-boss creates and migrates itself on start). Jobs are rows there, so they survive a
 * restart of the server; a job whose worker died is retried once it expires (QueueOptions).
 *
 * One instance per process, created lazily from DATABASE_URL on first use, kept on globalThis so
 * that Next's dev reloads do not start a second one.
 */
export const JOB_SCHEMA = "pgboss";

const cache = globalThis as unknown as {
  __switchboardBoss?: Promise<PgBoss>;
  __switchboardQueues?: Set<string>;
  __switchboardQueueCreation?: Promise<void>;
};

function create(): Promise<PgBoss> {
  const url = process.env.DATABASE_URL;
  if (!url) return Promise.reject(new Error("DATABASE_URL is not set: the job queue lives in the application's database."));
  const boss = new PgBoss({
    connectionString: url,
    schema: JOB_SCHEMA,
    application_name: "switchboard-jobs",
    // A small pool of its own (pg-boss brings the pg driver): polling and state changes only.
    max: 3,
    // No cron schedules are used; maintenance (expiry, archiving) stays on.
    schedule: false,
  });
  boss.on("error", (error) => console.error("Job queue error", error));
  return boss.start();
}

/** The started pg-boss instance of this process. */
export function getBoss(): Promise<PgBoss> {
  if (!cache.__switchboardBoss) {
    cache.__switchboardBoss = create().catch((error) => {
      cache.__switchboardBoss = undefined;
      throw error;
    });
  }
  return cache.__switchboardBoss;
}

/** Creates the queue with its options once per process (pg-boss 10 needs a queue before send/work). */
export async function ensureQueue(boss: PgBoss, name: QueueName): Promise<void> {
  if (cache.__switchboardQueues?.has(name)) return;
  // pg-boss creates a table per queue, and two creations at once (the workers of two queues at
  // start, or two servers) deadlock in PostgreSQL: this process creates one at a time, and a
  // deadlock's victim (another process won) tries again.
  const run = (cache.__switchboardQueueCreation ?? Promise.resolve()).then(() => createQueue(boss, name));
  cache.__switchboardQueueCreation = run.catch(() => undefined);
  await run;
}

async function createQueue(boss: PgBoss, name: QueueName): Promise<void> {
  const created = (cache.__switchboardQueues ??= new Set());
  if (created.has(name)) return;
  const o = QUEUES[name];
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, {
        name,
        policy: "standard",
        retryLimit: o.retryLimit,
        retryDelay: o.retryDelaySeconds,
        retryBackoff: o.retryBackoff,
        expireInSeconds: o.expireInSeconds,
      });
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
  created.add(name);
}

/** Puts a job on a queue; returns pg-boss's job id. */
export async function enqueue<N extends QueueName>(name: N, data: QueuePayloads[N]): Promise<string> {
  const boss = await getBoss();
  await ensureQueue(boss, name);
  const id = await boss.send(name, data);
  if (!id) throw new Error(`The job queue refused a job for ${name}.`);
  return id;
}

/** Stops the workers and closes the pool (tests, shutdown). Waits up to `timeoutMs` for running jobs. */
export async function stopBoss(timeoutMs = 10_000): Promise<void> {
  const pending = cache.__switchboardBoss;
  cache.__switchboardBoss = undefined;
  cache.__switchboardQueues = undefined;
  cache.__switchboardQueueCreation = undefined;
  if (!pending) return;
  const boss = await pending.catch(() => undefined);
  await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs });
}
