import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";

export const users = pgTable(
  "users",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    /** E.164; a user's number may never also belong to a contact (trigger in 0001). */
    phone: text("phone"),
    role: roleEnum("role").notNull().default("agent"),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    /** Sessions carry the version they were issued with; bumping it ends them all (lib/auth/session-version.ts). */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_phone_key").on(t.phone),
  ],
);

/**
 * Sign-in attempts counted per window: one row per e-mail and per client address (or "*" for all
 * addresses when the address is unknown), updated by a single statement so that concurrent attempts
 * cannot all pass the check before any of them is counted (lib/auth/attempts.ts).
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    scope: text("scope", { enum: ["email", "address"] }).notNull(),
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull().defaultNow(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("login_attempts_window_idx").on(t.windowStart)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    name: text("name").notNull(),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    /** The first characters, so admins can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdById: bigint("created_by_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type ApiToken = typeof apiTokens.$inferSelect;
