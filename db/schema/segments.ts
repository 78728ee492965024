import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const segments = pgTable(
  "segments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    name: text("name").notNull(),
    /** A filter of lib/filters, validated by its zod schema on every read. */
    filter: jsonb("filter").$type<unknown>().notNull(),
    search: text("search"),
    ownerId: bigint("owner_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    shared: boolean("shared").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("segments_owner_idx").on(t.ownerId)],
);

/** Per-user choice of list columns (ordered ids of system fields and custom attributes). */
export const tablePreferences = pgTable("table_preferences", {
  userId: bigint("user_id", { mode: "number" })
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  columns: jsonb("columns").$type<string[]>().notNull(),
  pageSize: integer("page_size"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Segment = typeof segments.$inferSelect;
