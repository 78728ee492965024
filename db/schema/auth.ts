import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
    /** Set by each successful sign-in (lib/auth/sign-in.ts); null: never signed in. */
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
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
    /** What the token may do in /api/v1: read ⊂ write ⊂ admin (lib/api-tokens/scopes.ts). */
    scope: text("scope", { enum: ["read", "write", "admin"] }).notNull().default("read"),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    /** null: never expires. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), check("api_tokens_scope_check", sql`${t.scope} in ('read', 'write', 'admin')`)],
);

/**
 * Requests per API token per one-minute window, counted by one upsert so that concurrent requests
 * each see the ones before them, across every app instance (lib/api-tokens/admit.ts).
 */
export const apiRateLimits = pgTable(
  "api_rate_limits",
  {
    tokenId: bigint("token_id", { mode: "number" })
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.windowStart] })],
);

/**
 * The first answer to a POST sent with an `Idempotency-Key`, per token, for 24 hours
 * (lib/api/idempotency.ts). `status` null: the first request is still running.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    tokenId: bigint("token_id", { mode: "number" })
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** SHA-256 of the method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    headers: jsonb("headers").$type<Record<string, string>>(),
    body: text("body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index("api_idempotency_keys_created_idx").on(t.createdAt)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type ApiToken = typeof apiTokens.$inferSelect;
