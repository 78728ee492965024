import { sql } from "drizzle-orm";
import { db } from "@/db";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { enqueue } from "@/lib/jobs/boss";
import type { QueueHandler } from "@/lib/jobs/queues";
import { attemptDelivery } from "./deliver";
import { disableFailingEndpoints } from "./endpoints";

/**
 * Webhook deliveries on the job queue (lib/jobs). The outbox rows are written inside the changes'
 * transactions, where pg-boss (its own pool) cannot join; so a sweep, every couple of seconds,
 * sends a queue job for each delivery that is due, and marks it sent so the next sweep does not.
 * A job whose worker died is sent again once its mark is old; the attempt's claim
 * (./deliver.ts) makes any duplicate harmless.
 */

const SWEEP_EVERY_MS = 2_000;
const BATCH = 100;

/** Sends a queue job for each due delivery; returns their ids. */
export async function enqueueDueDeliveries(): Promise<number[]> {
  const due = await db.execute<{ id: string }>(sql`
    update webhook_deliveries d set enqueued_at = now()
    where d.id in (
      select d2.id from webhook_deliveries d2 join webhook_endpoints e on e.id = d2.endpoint_id and e.enabled
      where d2.status = 'pending' and d2.next_attempt_at <= now()
        and (d2.enqueued_at is null or d2.enqueued_at < now() - interval '2 minutes')
        and (d2.locked_until is null or d2.locked_until < now())
      order by d2.next_attempt_at
      limit ${BATCH}
      for update of d2 skip locked)
    returning d.id`);
  const ids = due.map((row) => Number(row.id));
  for (const deliveryId of ids) await enqueue("webhook-delivery", { deliveryId });
  return ids;
}

export const webhookQueueHandler: QueueHandler<"webhook-delivery"> = {
  // A failed attempt is recorded, not thrown: the retry schedule is the delivery's own (24 h of backoff).
  run: async ({ deliveryId }) => void (await attemptDelivery(deliveryId)),
  housekeeping: {
    everyMs: SWEEP_EVERY_MS,
    run: async () => {
      await enqueueDueDeliveries();
      await disableFailingEndpoints(SYSTEM_ACTOR);
    },
  },
};
