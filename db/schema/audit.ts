import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: bigint("actor_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    /** Who acted, kept readable after the user is gone: "Ada Admin <admin@example.com>", "API token x", "system". */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before").$type<unknown>(),
    after: jsonb("after").$type<unknown>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The viewer (lib/audit-log) pages newest first by id (keyset), so each filter it offers has an
  // index ending in id: by entity (a contact's history), by actor user, by actor label (API tokens), by action.
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.id),
    index("audit_log_actor_idx").on(t.actorId, t.id).where(sql`${t.actorId} is not null`),
    index("audit_log_actor_label_idx").on(t.actorLabel, t.id),
    index("audit_log_action_idx").on(t.action, t.id),
    index("audit_log_created_idx").on(t.createdAt),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
