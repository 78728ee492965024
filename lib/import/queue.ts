/**
 * The import's door to the background queue: pg-boss 10 used directly.
 *
 * TEMPORARY: a colleague is building lib/jobs (one shared PgBoss instance, `enqueue(name, data)`,
 * `startWorkers()` from instrumentation.ts). Once it lands, this file shrinks to registering the
 * "import" handler there and calling its `enqueue`; nothing else in lib/import knows about pg-boss.
 */
import PgBoss from "pg-boss";
import { rawSql } from "@/db";
import { expireAbandonedUploads } from "./jobs";
import { markImportFailed, runImportJob } from "./run-job";

export const IMPORT_QUEUE = "import";

interface ImportJobData {
  jobId: string;
}

const RETRIES = { retryLimit: 5, retryDelay: 15, retryBackoff: true };
/** A million rows take under two minutes; a worker that died mid-job is retried after this. */
const EXPIRE_SECONDS = 2 * 60 * 60;

const cache = globalThis as unknown as { __switchboardImportBoss?: Promise<PgBoss> };

function boss(): Promise<PgBoss> {
  cache.__switchboardImportBoss ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the import queue needs the database.");
    const instance = new PgBoss({ connectionString: url, max: 3 });
    instance.on("error", (error) => console.error("Import queue error", error));
    await instance.start();
    await instance.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, ...RETRIES, expireInSeconds: EXPIRE_SECONDS });
    return instance;
  })().catch((error) => {
    cache.__switchboardImportBoss = undefined;
    throw error;
  });
  return cache.__switchboardImportBoss;
}

/** Puts an import on the queue; a worker of any app instance picks it up. */
export async function enqueueImport(jobId: string): Promise<void> {
  await (await boss()).send(IMPORT_QUEUE, { jobId } satisfies ImportJobData, { ...RETRIES, expireInSeconds: EXPIRE_SECONDS });
}

let started = false;

/**
 * Starts this process's import worker (one import at a time per process), then re-queues imports a
 * previous process left running: a restarted server resumes them from their checkpoint at once
 * instead of waiting for pg-boss to expire the dead worker's job. runImportJob's advisory lock makes
 * a duplicate harmless.
 */
export async function startImportWorker(
  options: {
    /** Which interrupted imports to resume (tests resume only their own); all by default. */
    resume?: (jobId: string) => boolean;
    /** Cancel uploads left unstarted for a day, now and hourly (on by default). */
    sweep?: boolean;
  } = {},
): Promise<void> {
  if (started) return;
  started = true;
  const instance = await boss();
  await instance.work<ImportJobData>(IMPORT_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    try {
      await runImportJob(job.data.jobId);
    } catch (error) {
      console.error(`Import ${job.data.jobId} failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1})`, error);
      if (job.retryCount >= job.retryLimit) {
        await markImportFailed(job.data.jobId, "The import stopped after several attempts. The rows imported so far stay; upload the rest again.");
      }
      throw error;
    }
  });
  const interrupted = await rawSql()<{ id: string }[]>`select id from import_jobs where status = 'running'`;
  for (const { id } of interrupted) if (options.resume?.(id) ?? true) await enqueueImport(id);
  if (options.sweep === false) return;
  const sweep = () => expireAbandonedUploads().catch((error) => console.error("Removing abandoned uploads failed", error));
  await sweep();
  setInterval(sweep, 60 * 60 * 1000).unref();
}

export async function stopImportQueue(): Promise<void> {
  const instance = cache.__switchboardImportBoss;
  cache.__switchboardImportBoss = undefined;
  started = false;
  if (instance) await (await instance).stop({ graceful: true, wait: true });
}
