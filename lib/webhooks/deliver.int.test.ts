import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookEventType } from "@/db/schema";
import { stopBoss } from "@/lib/jobs/boss";
import { resetWorkers, startWorkers } from "@/lib/jobs/workers";
import { setBlocked } from "@/lib/contacts/state";
import { actorOf, makeContact, makeUser } from "@/lib/testing/factories";
import { WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { attemptDelivery } from "./deliver";
import { createWebhookEndpoint, resendWebhookDelivery } from "./endpoints";
import { listWebhookDeliveries } from "./log";
import { enqueueDueDeliveries } from "./queue";
import { verifyWebhookSignature } from "./signature";

// Time is simulated in the database (a retry made due, a failure 25 hours old), never waited for.
// Other test files block contacts at the same time, so each check picks out its own contact's event.

const receivers: WebhookReceiver[] = [];
const made: number[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});
afterAll(async () => {
  await stopBoss();
  resetWorkers();
  if (made.length) await db.delete(webhookEndpoints).where(inArray(webhookEndpoints.id, made));
});

async function receiver(): Promise<WebhookReceiver> {
  const r = await new WebhookReceiver().open();
  receivers.push(r);
  return r;
}

/** An endpoint on `url` and one blocked contact: the delivery of that contact.blocked event. */
async function blockedDelivery(url: string, events: WebhookEventType[] = ["contact.blocked"]) {
  const admin = await makeUser("admin");
  const { endpoint, secret } = await createWebhookEndpoint({ url, events }, admin.id, actorOf(admin));
  made.push(endpoint.id);
  const c = await makeContact();
  await setBlocked({ contactId: c.id, version: c.version, blocked: true }, actorOf(admin));
  const [delivery] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), sql`${webhookEvents.data} ->> 'contact_id' = ${c.contactKey}`));
  return { endpoint, secret, contact: c, deliveryId: delivery!.id };
}

/** What `r` received about `contactKey`. */
const about = (r: WebhookReceiver, contactKey: string) => r.received.filter((q) => (JSON.parse(q.body) as { data: { contact_id: string } }).data.contact_id === contactKey);

const delivery = async (id: number) => (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
const makeDue = (id: number) => db.update(webhookDeliveries).set({ nextAttemptAt: sql`now()` }).where(eq(webhookDeliveries.id, id));

describe("webhook deliveries", () => {
  it("signs the body so that the receiver verifies it, and a tampered body fails", async () => {
    const r = await receiver();
    const { secret, contact, deliveryId } = await blockedDelivery(r.url);
    expect(await attemptDelivery(deliveryId)).toBe("succeeded");
    const [got] = about(r, contact.contactKey);
    const body = JSON.parse(got!.body) as { id: string; type: string; occurred_at: string; data: unknown };
    expect(body).toMatchObject({ type: "contact.blocked", data: { contact_id: contact.contactKey } });
    expect(new Date(body.occurred_at).toISOString()).toBe(body.occurred_at);
    const header = got!.headers["switchboard-signature"] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, body: got!.body, header })).toBe(true);
    expect(verifyWebhookSignature({ secret, body: got!.body.replace(contact.contactKey, "C-someone-else"), header })).toBe(false);
    expect(await delivery(deliveryId)).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200, nextAttemptAt: null });
  });

  it("retries a receiver that fails, times out and restarts, with growing delays, until it answers", async () => {
    const r = await receiver();
    r.answer = (n) => (n <= 2 ? 500 : n === 3 ? "hang" : 204);
    const { endpoint, contact, deliveryId } = await blockedDelivery(r.url);
    const options = { timeoutMs: 300 };

    expect(await attemptDelivery(deliveryId, options)).toBe("retrying");
    const first = await delivery(deliveryId);
    expect(first).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    // Not due yet: a second run of the same job does nothing (idempotent per delivery).
    expect(await attemptDelivery(deliveryId, options)).toBe("skipped");
    expect(about(r, contact.contactKey)).toHaveLength(1);

    await makeDue(deliveryId);
    expect(await attemptDelivery(deliveryId, options)).toBe("retrying");
    const second = await delivery(deliveryId);
    // The delays grow (their values: deliver.test.ts).
    expect(second.nextAttemptAt!.getTime() - second.createdAt.getTime()).toBeGreaterThan(first.nextAttemptAt!.getTime() - first.createdAt.getTime());

    await makeDue(deliveryId);
    expect(await attemptDelivery(deliveryId, options)).toBe("retrying");
    expect(await delivery(deliveryId)).toMatchObject({ attempts: 3, lastStatusCode: null, lastError: expect.stringContaining("No answer") });

    // The receiver goes down: the port refuses connections.
    await r.close();
    await makeDue(deliveryId);
    expect(await attemptDelivery(deliveryId, options)).toBe("retrying");
    expect(await delivery(deliveryId)).toMatchObject({ attempts: 4, lastStatusCode: null, lastError: expect.stringContaining("Could not connect") });
    const [failing] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(failing!.failingSince).toBeInstanceOf(Date);

    // … and comes back on the same port.
    await r.open();
    await makeDue(deliveryId);
    expect(await attemptDelivery(deliveryId, options)).toBe("succeeded");
    expect(await delivery(deliveryId)).toMatchObject({ status: "succeeded", attempts: 5, lastStatusCode: 204 });
    const [healed] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(healed!.failingSince).toBeNull();
    // Every attempt carried the same event.
    expect(new Set(about(r, contact.contactKey).map((q) => (JSON.parse(q.body) as { id: string }).id)).size).toBe(1);
  });

  it("gives up after its 24 hours, and Resend sends it again", async () => {
    const r = await receiver();
    r.answer = () => 503;
    const { endpoint, deliveryId } = await blockedDelivery(r.url);
    await db.update(webhookDeliveries).set({ giveUpAt: sql`now() + interval '1 second'` }).where(eq(webhookDeliveries.id, deliveryId));
    expect(await attemptDelivery(deliveryId)).toBe("failed");
    expect(await delivery(deliveryId)).toMatchObject({ status: "failed", nextAttemptAt: null, lastStatusCode: 503 });

    r.answer = () => 200;
    const admin = await makeUser("admin");
    await resendWebhookDelivery({ deliveryId }, actorOf(admin));
    expect(await delivery(deliveryId)).toMatchObject({ status: "pending" });
    expect(await attemptDelivery(deliveryId)).toBe("succeeded");
    const log = await listWebhookDeliveries(endpoint.id);
    expect(log.find((d) => d.id === deliveryId)).toMatchObject({ id: deliveryId, event: "contact.blocked", status: "succeeded", attempts: 2, lastStatusCode: 200 });
    const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, String(deliveryId)));
    expect(entries.map((e) => e.action)).toContain("webhook_delivery.resend");
  });

  it("turns off an endpoint that has failed for 24 hours straight, with a notice", async () => {
    const r = await receiver();
    r.answer = () => 500;
    const { endpoint, deliveryId } = await blockedDelivery(r.url);
    expect(await attemptDelivery(deliveryId)).toBe("retrying");
    // Still on after one failure.
    expect((await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)))[0]).toMatchObject({ enabled: true });
    await db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '25 hours'` }).where(eq(webhookEndpoints.id, endpoint.id));
    await makeDue(deliveryId);
    expect(await attemptDelivery(deliveryId)).toBe("retrying");
    const [off] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(off).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("24 hours") });
    // A disabled endpoint's deliveries wait: nothing is attempted nor sent to the queue.
    await makeDue(deliveryId);
    expect(await attemptDelivery(deliveryId)).toBe("skipped");
    expect(await enqueueDueDeliveries()).not.toContain(deliveryId);
  });

  it("runs deliveries on the job queue: the sweep sends due ones, a worker delivers them", async () => {
    const r = await receiver();
    const { contact, deliveryId } = await blockedDelivery(r.url);
    await startWorkers({ queues: ["webhook-delivery"], housekeeping: false });
    expect(await enqueueDueDeliveries()).toContain(deliveryId);
    // Sent once: the next sweep leaves it alone while its job waits.
    expect(await enqueueDueDeliveries()).not.toContain(deliveryId);
    // The sweep queues every due delivery of the database, other test files' too: this one may wait its turn.
    for (let i = 0; i < 500 && (await delivery(deliveryId)).status !== "succeeded"; i++) await new Promise((res) => setTimeout(res, 100));
    expect(await delivery(deliveryId)).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(about(r, contact.contactKey)).toHaveLength(1);
  }, 90_000);
});
