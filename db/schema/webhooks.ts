import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** The events an endpoint can subscribe to; declared once for the schema, zod and the page. */
export const WEBHOOK_EVENTS = [
  "contact.created",
  "contact.updated",
  "contact.merged",
  "contact.deleted",
  "contact.blocked",
  "contact.unblocked",
  "import.completed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const list = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(", ")}]::text[]`);

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    url: text("url").notNull(),
    /**
     * Kept in clear: signing needs the secret itself (HMAC), unlike an API token, whose hash is
     * enough to check it. Shown once when the endpoint is added, never again.
     */
    secret: text("secret").notNull(),
    events: text("events").array().notNull().$type<WebhookEventType[]>(),
    enabled: boolean("enabled").notNull().default(true),
    /** Why it was turned off when the system did it (24 h of failures); shown on the page. */
    disabledReason: text("disabled_reason"),
    /** Since when every attempt has failed; a success clears it (lib/webhooks/deliver.ts). */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdById: bigint("created_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("webhook_endpoints_url_check", sql`${t.url} ~* '^https?://[^/]' and length(${t.url}) <= 2000`),
    check("webhook_endpoints_events_check", sql`cardinality(${t.events}) > 0 and ${t.events} <@ ${list(WEBHOOK_EVENTS)}`),
    // The outbox's "who subscribes to this event" lookup runs with every mapped audit entry.
    index("webhook_endpoints_events_idx").using("gin", t.events).where(sql`${t.enabled}`),
  ],
);

/** The outbox: one row per event, written in the transaction of the change it reports (lib/webhooks/outbox.ts). */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: text("type").notNull().$type<WebhookEventType>(),
    /** The payload's `data`; the body is { id, type, occurred_at, data } (lib/webhooks/payload.ts). */
    data: jsonb("data").notNull().$type<Record<string, unknown>>(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("webhook_events_type_check", sql`${t.type} = any(${list(WEBHOOK_EVENTS)})`), index("webhook_events_occurred_idx").on(t.occurredAt)],
);

/** One per (event, subscribed endpoint): what the queue works on, and the page's delivery log. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: bigint("endpoint_id", { mode: "number" })
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    status: text("status").notNull().default("pending").$type<DeliveryStatus>(),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastDurationMs: integer("last_duration_ms"),
    lastError: text("last_error"),
    /** When the next attempt is due (null once it succeeded or gave up). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).defaultNow(),
    /** Retries stop after this (24 h after the event, or after a Resend). */
    giveUpAt: timestamp("give_up_at", { withTimezone: true }).notNull().default(sql`now() + interval '24 hours'`),
    /** An attempt is running until then; another worker leaves the delivery alone meanwhile. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** When a queue job was last sent for the due attempt, so the sweep does not send it twice. */
    enqueuedAt: timestamp("enqueued_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_endpoint_key").on(t.eventId, t.endpointId),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check("webhook_deliveries_status_check", sql`${t.status} in ('pending', 'succeeded', 'failed')`),
    check("webhook_deliveries_attempts_check", sql`${t.attempts} >= 0`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
