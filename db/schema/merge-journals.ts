import { bigint, bigserial, index, jsonb, pgTable, timestamp } from "drizzle-orm/pg-core";
import { activities } from "./activities";
import { users } from "./auth";

/**
 * What one merge changed, written in the merge's own transaction (lib/contacts/merge-journal.ts),
 * so that it can be undone for 30 days (lib/contacts/merge-undo.ts). `journal` holds the rows of
 * every merged contact as they were and the primary's as the merge left them.
 */
export const mergeJournals = pgTable(
  "merge_journals",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /**
     * No foreign key: the primary may itself be merged away later, and this journal must still be
     * there once that later merge is undone.
     */
    primaryId: bigint("primary_id", { mode: "number" }).notNull(),
    /**
     * The "Merged N contacts" timeline entry, where Undo is offered. It lives on whichever live
     * contact holds the merge's data (it moves with later merges), so erasing that contact removes
     * the journal with it (GDPR: the journal is full of the merged people's values).
     */
    activityId: bigint("activity_id", { mode: "number" })
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    /** The primary and the secondaries: an erasure of any of them drops the journal (lib/gdpr/erase.ts). */
    contactIds: bigint("contact_ids", { mode: "number" }).array().notNull(),
    journal: jsonb("journal").$type<unknown>().notNull(),
    mergedAt: timestamp("merged_at", { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp("undone_at", { withTimezone: true }),
    undoneById: bigint("undone_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("merge_journals_primary_idx").on(t.primaryId, t.mergedAt),
    index("merge_journals_activity_idx").on(t.activityId),
    index("merge_journals_contact_ids_idx").using("gin", t.contactIds),
  ],
);

export type MergeJournalRow = typeof mergeJournals.$inferSelect;
