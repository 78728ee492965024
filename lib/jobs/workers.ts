import { bulkJobLiveness, recoverBulkJobs, runBulkJobFromQueue } from "@/lib/bulk/run";
import { trashQueueHandler } from "@/lib/contacts/trash-queue";
import { duplicatesQueueHandler } from "@/lib/duplicates/jobs";
import { importQueueHandler } from "@/lib/import/job/queue";
import { webhookQueueHandler } from "@/lib/webhooks/queue";
import { ensureQueue, getBoss } from "./boss";
import { QUEUES, type QueueHandler, type QueueName, type QueuePayloads } from "./queues";
import { TAKEOVER_EVERY_MS, takeOverOrphans, type JobQueue } from "./takeover";

/** One handler per queue. */
const HANDLERS: { [N in QueueName]: QueueHandler<N> } = {
  "bulk-action": { run: (data) => runBulkJobFromQueue(data.jobId), recover: recoverBulkJobs, liveness: bulkJobLiveness },
  import: importQueueHandler,
  "webhook-delivery": webhookQueueHandler,
  "trash-purge": trashQueueHandler,
  duplicates: duplicatesQueueHandler,
};

export interface WorkerOptions {
  /** The queues to work (a test starts only its own); every queue by default. */
  queues?: QueueName[];
  /**
   * Which unfinished jobs to put back on the queue at start, and to take over when their runner dies
   * (a test takes only its own); all by default.
   */
  recover?: (jobId: string) => boolean;
  /** Run the handlers' periodic clean-up (on by default; tests turn it off). */
  housekeeping?: boolean;
}

const state = globalThis as unknown as { __switchboardWorkers?: Map<QueueName, Promise<void>>; __switchboardTimers?: NodeJS.Timeout[] };

async function startQueue<N extends QueueName>(name: N, options: WorkerOptions): Promise<void> {
  const handler = HANDLERS[name] as QueueHandler<QueueName>;
  const boss = await getBoss();
  await ensureQueue(boss, name);
  for (let i = 0; i < QUEUES[name].concurrency; i++) {
    // batchSize 1: each worker runs one job at a time and polls again when it is done.
    await boss.work<QueuePayloads[N]>(name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
      if (job) await handler.run(job.data, { retryCount: job.retryCount, retryLimit: job.retryLimit });
    });
  }
  await handler.recover?.(options.recover ?? (() => true));
  const liveness = handler.liveness;
  if (liveness) {
    const look = () =>
      takeOverOrphans(name as JobQueue, liveness, options.recover).catch((error) => console.error(`Looking for orphaned jobs of the ${name} queue failed`, error));
    (state.__switchboardTimers ??= []).push(setInterval(look, TAKEOVER_EVERY_MS).unref());
  }
  const chore = handler.housekeeping;
  if (chore && options.housekeeping !== false) {
    const run = () => chore.run().catch((error) => console.error(`Housekeeping of the ${name} queue failed`, error));
    await run();
    (state.__switchboardTimers ??= []).push(setInterval(run, chore.everyMs).unref());
  }
}

/**
 * Starts this process's workers for every queue, or those named (once each; later calls return the
 * same promise). Called from instrumentation.ts when the Next server starts, and by tests that
 * exercise a queue.
 */
export function startWorkers(options: WorkerOptions = {}): Promise<void> {
  const started = (state.__switchboardWorkers ??= new Map());
  const names = options.queues ?? (Object.keys(HANDLERS) as QueueName[]);
  return Promise.all(
    names.map((name) => {
      let pending = started.get(name);
      if (!pending) {
        pending = startQueue(name, options).catch((error) => {
          started.delete(name);
          throw error;
        });
        started.set(name, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

/** Forgets that the workers were started (after stopBoss, so a test can start them again). */
export function resetWorkers(): void {
  state.__switchboardWorkers = undefined;
  for (const timer of state.__switchboardTimers ?? []) clearInterval(timer);
  state.__switchboardTimers = undefined;
}
