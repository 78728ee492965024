import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { contacts } from "./contacts";

/**
 * Every message POST /api/v1/inbound took, by the channel's own id: the key that makes a repeated
 * delivery answer the first answer and write nothing (lib/inbound). `status` null: the first
 * delivery is still being handled.
 */
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    channel: text("channel").notNull(),
    messageId: text("message_id").notNull(),
    contactId: bigint("contact_id", { mode: "number" }).references(() => contacts.id, { onDelete: "set null" }),
    status: integer("status"),
    answer: jsonb("answer"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.messageId] }), index("inbound_messages_contact_idx").on(t.contactId)],
);

/** Messages refused because their contact is blocked: how many, and the last one's time (shown beside Blocked). */
export const inboundRefusals = pgTable(
  "inbound_refusals",
  {
    contactId: bigint("contact_id", { mode: "number" })
      .primaryKey()
      .references(() => contacts.id, { onDelete: "cascade" }),
    count: integer("count").notNull(),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("inbound_refusals_count_positive", sql`${t.count} > 0`)],
);
