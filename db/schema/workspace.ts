import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { mergeStrategyEnum } from "./enums";

/** A single row (id = 1): the workspace's settings. */
export const workspaceSettings = pgTable(
  "workspace_settings",
  {
    id: integer("id").primaryKey().default(1),
    name: text("name").notNull().default("Switchboard"),
    /** ISO 3166-1 alpha-2, used for numbers typed without a + prefix. */
    defaultCountry: text("default_country").notNull().default("US"),
    mergeStrategyLeads: mergeStrategyEnum("merge_strategy_leads").notNull().default("phone"),
    mergeStrategyContacts: mergeStrategyEnum("merge_strategy_contacts").notNull().default("phone"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("workspace_settings_singleton", sql`${t.id} = 1`),
    check("workspace_settings_country", sql`${t.defaultCountry} ~ '^[A-Z]{2}$'`),
  ],
);

export type WorkspaceSettings = typeof workspaceSettings.$inferSelect;
