/**
 * The background queues, by name, with how pg-boss treats their jobs. Only names, payloads, options
 * and the handler's shape live here (no handlers), so that domain code can enqueue without importing
 * the workers.
 *
 * To add a queue: add its payload to QueuePayloads, its options to QUEUES, and its handler to
 * HANDLERS in ./workers.ts. Then `enqueue("name", payload)` from lib/.
 */
export interface QueuePayloads {
  /** A bulk action over contacts: lib/bulk/run.ts `runBulkJob`. */
  "bulk-action": { jobId: string };
  /** An import of a CSV file: lib/import/job/run-job.ts `runImportJob` (handler in lib/import/job/queue.ts). */
  import: { jobId: string };
  /** One attempt of one webhook delivery: lib/webhooks/deliver.ts `attemptDelivery` (handler in lib/webhooks/queue.ts). */
  "webhook-delivery": { deliveryId: number };
  /** The daily purge of contacts trashed more than SWITCHBOARD_TRASH_DAYS ago: lib/contacts/trash.ts `purgeTrash` (handler in lib/contacts/trash-queue.ts). */
  "trash-purge": Record<string, never>;
  /** The duplicate finder's computation or "Merge all exact clusters": lib/duplicates/jobs.ts `runDuplicateJob`. */
  duplicates: { jobId: string };
}

export type QueueName = keyof QueuePayloads;

export interface QueueOptions {
  /** Attempts after the first failure; the handler must be safe to run again (ours resume). */
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** After this long in "active", pg-boss takes the job as lost (its worker died) and retries it. */
  expireInSeconds: number;
  /** Jobs of this queue one process runs at the same time. */
  concurrency: number;
}

export const QUEUES: Record<QueueName, QueueOptions> = {
  "bulk-action": { retryLimit: 3, retryDelaySeconds: 15, retryBackoff: true, expireInSeconds: 30 * 60, concurrency: 2 },
  // A million rows take under two minutes; a worker that died mid-import is retried after two hours.
  // One import at a time per process: an import already writes with several connections.
  import: { retryLimit: 5, retryDelaySeconds: 15, retryBackoff: true, expireInSeconds: 2 * 60 * 60, concurrency: 1 },
  // The delivery keeps its own retry schedule (24 h of backoff); pg-boss retries only a crashed run.
  // An attempt takes at most its 10 s timeout; two run at once so one slow receiver does not hold up the rest.
  "webhook-delivery": { retryLimit: 2, retryDelaySeconds: 5, retryBackoff: false, expireInSeconds: 60, concurrency: 2 },
  // Chunks of 5 000 contacts, each its own transaction: a retry carries on where a stopped run left off.
  "trash-purge": { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 30 * 60, concurrency: 1 },
  // A full computation at a million contacts takes about a minute (BENCHMARKS.md); one job at a time.
  duplicates: { retryLimit: 2, retryDelaySeconds: 15, retryBackoff: true, expireInSeconds: 60 * 60, concurrency: 1 },
};

export interface Attempt {
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
}

/**
 * How to tell that a queue's job lost its runner (lib/jobs/takeover.ts): the ids of the jobs that
 * say they are running, and the prefix of the session advisory lock (`<prefix><jobId>`, through
 * hashtextextended) their runner holds for as long as it is alive.
 */
export interface JobLiveness {
  running: () => Promise<string[]>;
  lockPrefix: string;
}

export interface QueueHandler<N extends QueueName> {
  /** Runs one job. Throwing fails the attempt; pg-boss retries it (QueueOptions.retryLimit). */
  run: (data: QueuePayloads[N], attempt: Attempt) => Promise<void>;
  /**
   * Called once when the workers start: puts back on the queue the work a stopped server left
   * unfinished (those of its jobs `take` accepts). Handlers resume rather than redo, so a job
   * queued twice costs nothing.
   */
  recover?: (take: (jobId: string) => boolean) => Promise<void>;
  /**
   * For a queue of jobs of our own (payload `{ jobId }`): a job whose instance died mid-run is put
   * back on the queue within seconds, by whichever instance notices first (lib/jobs/takeover.ts).
   */
  liveness?: JobLiveness;
  /** Clean-up run when the workers start and then every `everyMs`. */
  housekeeping?: { everyMs: number; run: () => Promise<void> };
}
