import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { webhookDeliveries, webhookEvents } from "@/db/schema";

/** The page's delivery log of one endpoint: its latest deliveries, newest first. */
export async function listWebhookDeliveries(endpointId: number, limit = 20) {
  return db
    .select({
      id: webhookDeliveries.id,
      event: webhookEvents.type,
      eventId: webhookEvents.id,
      occurredAt: webhookEvents.occurredAt,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastDurationMs: webhookDeliveries.lastDurationMs,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

export type LoggedDelivery = Awaited<ReturnType<typeof listWebhookDeliveries>>[number];
