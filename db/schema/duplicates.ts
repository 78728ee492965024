import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { contacts } from "./contacts";
import { jobStatusEnum } from "./enums";

/** The reasons two contacts may be one person (lib/duplicates/rules.ts); the first five are exact. */
export const DUPLICATE_REASONS = ["phone", "email", "gmail", "name_company", "name_city", "similar_name"] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** A background run of the duplicate finder: a full computation, or merging every exact cluster. */
export const duplicateJobs = pgTable(
  "duplicate_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<"compute" | "merge_exact">().notNull(),
    status: jobStatusEnum("status").notNull().default("pending"),
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    /** Merge all: the clusters merged and those skipped, with why. */
    result: jsonb("result").$type<Record<string, unknown>>(),
    /** Merge all: the clusters (ids) counted when the user confirmed. */
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    lastError: text("last_error"),
    createdById: bigint("created_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("duplicate_jobs_kind_created_idx").on(t.kind, t.createdAt),
    check("duplicate_jobs_kind", sql`${t.kind} in ('compute', 'merge_exact')`),
  ],
);

/** A set of contacts that are likely one person, as the last computation (or an incremental check) found them. */
export const duplicateClusters = pgTable(
  "duplicate_clusters",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Every member is joined to the others by exact reasons alone; fuzzy clusters list after exact ones. */
    exact: boolean("exact").notNull(),
    reasons: text("reasons").array().$type<DuplicateReason[]>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("duplicate_clusters_order_idx").on(t.exact.desc(), t.id)],
);

export const duplicateClusterMembers = pgTable(
  "duplicate_cluster_members",
  {
    clusterId: bigint("cluster_id", { mode: "number" })
      .notNull()
      .references(() => duplicateClusters.id, { onDelete: "cascade" }),
    contactId: bigint("contact_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** The contact's version when the cluster was found: "Merge all" skips a cluster whose contacts changed since. */
    version: integer("version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.contactId] }), uniqueIndex("duplicate_cluster_members_contact_key").on(t.contactId)],
);

/** "Not duplicates": a pair the finder never proposes again, keyed (lower id, higher id). */
export const duplicateDismissals = pgTable(
  "duplicate_dismissals",
  {
    lowId: bigint("low_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    highId: bigint("high_id", { mode: "number" })
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    decidedById: bigint("decided_by_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.lowId, t.highId] }),
    index("duplicate_dismissals_high_idx").on(t.highId),
    check("duplicate_dismissals_ordered", sql`${t.lowId} < ${t.highId}`),
  ],
);

export type DuplicateJob = typeof duplicateJobs.$inferSelect;
