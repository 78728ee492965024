import { db } from "@/db";
import { webhookDeliveries, webhookEvents, type User, type WebhookEventType } from "@/db/schema";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { actorOf, unique } from "@/lib/testing/factories";

/** An endpoint nobody listens on (port 9, discard), made by `owner`. */
export async function makeWebhook(owner: User, events: WebhookEventType[] = ["contact.created"]) {
  return createWebhookEndpoint({ url: `http://127.0.0.1:9/${unique("hook")}`, events }, owner.id, actorOf(owner));
}

/** A delivery of a made-up event to a fresh endpoint, for the log and Resend. */
export async function makeWebhookDelivery(owner: User) {
  const { endpoint } = await makeWebhook(owner);
  const [event] = await db.insert(webhookEvents).values({ type: "contact.created", data: { contact_id: unique("C-") } }).returning();
  const [delivery] = await db.insert(webhookDeliveries).values({ eventId: event!.id, endpointId: endpoint.id, status: "failed", attempts: 1, nextAttemptAt: null }).returning();
  return { endpoint, delivery: delivery! };
}
