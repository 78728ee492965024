import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { contacts } from "./contacts";
import { activityTypeEnum } from "./enums";

export const activities = pgTable(
  "activities",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    contactId: bigint("contact_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    type: activityTypeEnum("type").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    summary: text("summary").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    actorId: bigint("actor_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The sending system's id for the event (API `external_ref`): a second POST with it returns the first event. */
    externalRef: text("external_ref"),
  },
  (t) => [
    index("activities_contact_time_idx").on(t.contactId, t.occurredAt, t.id),
    // The "Import" filter (lib/filters): the contacts one import created or updated, at any table size.
    index("activities_import_job_idx")
      .on(sql`(${t.payload} ->> 'jobId')`, t.contactId)
      .where(sql`${t.type} = 'imported'`),
    uniqueIndex("activities_contact_external_ref_key").on(t.contactId, t.externalRef).where(sql`${t.externalRef} is not null`),
  ],
);

export type Activity = typeof activities.$inferSelect;
