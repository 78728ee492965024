/**
 * The background queues, by name, with how pg-boss treats their jobs. Only names, payloads and
 * options live here (no handlers), so that domain code can enqueue without importing the workers.
 *
 * To add a queue (the import job does the same): add its payload to QueuePayloads, its options to
 * QUEUES, and its handler to HANDLERS in ./workers.ts. Then `enqueue("name", payload)` from lib/.
 */
export interface QueuePayloads {
  /** A bulk action over contacts: lib/bulk/run.ts `runBulkJob`. */
  "bulk-action": { jobId: string };
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
};
