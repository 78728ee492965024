import { enqueue } from "@/lib/jobs/boss";
import type { QueueHandler } from "@/lib/jobs/queues";
import { expireMergeJournals } from "./merge-undo";
import { purgeTrash } from "./trash";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily purge on the job queue: each server puts a purge on the queue when its workers start and
 * then once a day (pg-boss's cron is off, lib/jobs/boss.ts); the purge only takes what is due, so
 * two servers' runs cost nothing extra. The same run empties the merge journals past their undo window.
 */
export const trashQueueHandler: QueueHandler<"trash-purge"> = {
  run: async () => {
    const purged = await purgeTrash();
    if (purged) console.info(`Trash purge: ${purged} contact(s) deleted for good.`);
    const expired = await expireMergeJournals();
    if (expired) console.info(`Merge journals: ${expired} past their undo window emptied.`);
  },
  housekeeping: { everyMs: DAY_MS, run: async () => void (await enqueue("trash-purge", {})) },
};
