import { recoverBulkJobs, runBulkJobFromQueue } from "@/lib/bulk/run";
import { ensureQueue, getBoss } from "./boss";
import { QUEUES, type QueueName, type QueuePayloads } from "./queues";

interface QueueHandler<N extends QueueName> {
  /** Runs one job. Throwing fails the attempt; pg-boss retries it (QueueOptions.retryLimit). */
  run: (data: QueuePayloads[N]) => Promise<void>;
  /**
   * Called once when the workers start: puts back on the queue the work a stopped server left
   * unfinished. Handlers resume rather than redo, so a job queued twice costs nothing.
   */
  recover?: () => Promise<void>;
}

/** One handler per queue. The import job registers itself here the same way. */
const HANDLERS: { [N in QueueName]: QueueHandler<N> } = {
  "bulk-action": { run: (data) => runBulkJobFromQueue(data.jobId), recover: recoverBulkJobs },
};

const state = globalThis as unknown as { __switchboardWorkers?: Promise<void> };

async function start(): Promise<void> {
  const boss = await getBoss();
  for (const name of Object.keys(HANDLERS) as QueueName[]) {
    const handler = HANDLERS[name] as QueueHandler<QueueName>;
    await ensureQueue(boss, name);
    for (let i = 0; i < QUEUES[name].concurrency; i++) {
      // batchSize 1: each worker runs one job at a time and polls again when it is done.
      await boss.work<QueuePayloads[QueueName]>(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        if (job) await handler.run(job.data);
      });
    }
    await handler.recover?.();
  }
}

/**
 * Starts this process's workers for every queue (once; later calls return the same promise).
 * Called from instrumentation.ts when the Next server starts, and by tests that exercise the queue.
 */
export function startWorkers(): Promise<void> {
  if (!state.__switchboardWorkers) {
    state.__switchboardWorkers = start().catch((error) => {
      state.__switchboardWorkers = undefined;
      throw error;
    });
  }
  return state.__switchboardWorkers;
}

/** Forgets that the workers were started (after stopBoss, so a test can start them again). */
export function resetWorkers(): void {
  state.__switchboardWorkers = undefined;
}
