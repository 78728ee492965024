import { randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { privateHostProblem } from "./target-guard";
import { db } from "@/db";
import { webhookDeliveries, webhookEndpoints, WEBHOOK_EVENTS, type WebhookEndpoint } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { flagSchema, idSchema } from "@/lib/forms";

/**
 * Forms send one checkbox per event, named after it (FormData keeps one value per name, so a list
 * of same-named boxes would arrive as its last box); JSON callers may send `events` as an array.
 */
function collectEvents(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray((raw as { events?: unknown }).events)) return raw;
  const input = raw as Record<string, unknown>;
  return { ...input, events: WEBHOOK_EVENTS.filter((e) => input[e] === "on" || input[e] === true) };
}

const eventsSchema = z.array(z.enum(WEBHOOK_EVENTS, "Choose events from the list.")).min(1, "Choose at least one event.");

const urlSchema = z
  .string()
  .trim()
  .max(2000, "Use at most 2000 characters.")
  .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." }))
  .superRefine((url, ctx) => {
    const problem = privateHostProblem(new URL(url));
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const createEndpointInput = z.preprocess(collectEvents, z.object({ url: urlSchema, events: eventsSchema }));
export const updateEventsInput = z.preprocess(collectEvents, z.object({ id: idSchema, events: eventsSchema }));
export const setEnabledInput = z.object({ id: idSchema, enabled: flagSchema });
export const endpointIdInput = z.object({ id: idSchema });
export const resendInput = z.object({ deliveryId: idSchema });

const AUTO_DISABLED = "Turned off after 24 hours of failed deliveries.";

// 32 random bytes; the receiver keeps it to check signatures (./signature.ts).
function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** What the log may show of an endpoint: never its secret. */
const audited = (e: WebhookEndpoint) => ({ url: e.url, events: e.events, enabled: e.enabled });

export async function createWebhookEndpoint(input: z.output<typeof createEndpointInput>, creatorId: number, actor: Actor) {
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const [endpoint] = await tx.insert(webhookEndpoints).values({ url: input.url, events: input.events, secret, createdById: creatorId }).returning();
    await recordAudit(tx, actor, { action: "webhook_endpoint.create", entityType: "webhook_endpoint", entityId: endpoint!.id, after: audited(endpoint!) });
    // The secret goes back to the dialog once; the page never shows it again.
    return { endpoint: endpoint!, secret };
  });
}

/** Applies `patch` to a locked endpoint and audits the change as `action`. */
async function changeEndpoint(id: number, action: string, actor: Actor, patch: (before: WebhookEndpoint) => Partial<typeof webhookEndpoints.$inferInsert>) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for("update");
    if (!before) throw new NotFoundError("This webhook no longer exists.");
    const [after] = await tx.update(webhookEndpoints).set(patch(before)).where(eq(webhookEndpoints.id, id)).returning();
    await recordAudit(tx, actor, { action, entityType: "webhook_endpoint", entityId: id, before: audited(before), after: audited(after!) });
    return after!;
  });
}

export function updateWebhookEvents(input: z.output<typeof updateEventsInput>, actor: Actor) {
  return changeEndpoint(input.id, "webhook_endpoint.update", actor, () => ({ events: input.events }));
}

/** Turning an endpoint back on forgets its failures: it gets a fresh 24 hours. */
export function setWebhookEnabled(input: z.output<typeof setEnabledInput>, actor: Actor) {
  return changeEndpoint(input.id, input.enabled ? "webhook_endpoint.enable" : "webhook_endpoint.disable", actor, () =>
    input.enabled ? { enabled: true, disabledReason: null, failingSince: null } : { enabled: false, disabledReason: null },
  );
}

/** Deletes the endpoint with its deliveries (on delete cascade). */
export async function deleteWebhookEndpoint(input: z.output<typeof endpointIdInput>, actor: Actor): Promise<WebhookEndpoint> {
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, input.id)).returning();
    if (!gone) throw new NotFoundError("This webhook no longer exists.");
    await recordAudit(tx, actor, { action: "webhook_endpoint.delete", entityType: "webhook_endpoint", entityId: gone.id, before: audited(gone) });
    return gone;
  });
}

/**
 * Sends a delivery again, whatever became of it: due now, with a fresh 24 hours of retries. The
 * queue's sweep picks it up (./queue.ts); an attempt already running finishes first.
 */
export async function resendWebhookDelivery(input: z.output<typeof resendInput>, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: webhookDeliveries.id, enabled: webhookEndpoints.enabled })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, input.deliveryId))
      .for("update", { of: webhookDeliveries });
    if (!found) throw new NotFoundError("This delivery no longer exists.");
    if (!found.enabled) throw new ConflictError("This webhook is turned off. Turn it on before resending.");
    await tx
      .update(webhookDeliveries)
      .set({ status: "pending", nextAttemptAt: sql`now()`, giveUpAt: sql`now() + interval '24 hours'`, enqueuedAt: null })
      .where(eq(webhookDeliveries.id, input.deliveryId));
    await recordAudit(tx, actor, { action: "webhook_delivery.resend", entityType: "webhook_delivery", entityId: input.deliveryId });
  });
}

/**
 * Turns off the endpoints whose every attempt has failed for 24 hours, with a notice for the page.
 * Run after each failed attempt and by the queue's sweep. Audited as the system's doing.
 */
export async function disableFailingEndpoints(actor: Actor): Promise<number[]> {
  return db.transaction(async (tx) => {
    const off = await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: AUTO_DISABLED })
      .where(and(eq(webhookEndpoints.enabled, true), sql`${webhookEndpoints.failingSince} <= now() - interval '24 hours'`))
      .returning();
    for (const e of off) {
      await recordAudit(tx, actor, { action: "webhook_endpoint.auto_disable", entityType: "webhook_endpoint", entityId: e.id, after: { ...audited(e), reason: AUTO_DISABLED } });
    }
    return off.map((e) => e.id);
  });
}

export type ListedEndpoint = Omit<WebhookEndpoint, "secret" | "createdById">;

/** Every endpoint, newest first, without its secret. */
export async function listWebhookEndpoints(): Promise<ListedEndpoint[]> {
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      enabled: webhookEndpoints.enabled,
      disabledReason: webhookEndpoints.disabledReason,
      failingSince: webhookEndpoints.failingSince,
      createdAt: webhookEndpoints.createdAt,
    })
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}
