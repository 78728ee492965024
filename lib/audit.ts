import type postgres from "postgres";
import type { Executor } from "@/db";
import { auditLog } from "@/db/schema";
import { webhookEventsFor } from "@/lib/webhooks/events";
import { recordAuditWithEvents, writeWithWebhookEvents } from "@/lib/webhooks/outbox";

export interface Actor {
  /** null for the system (seed, background jobs without a user) and API tokens. */
  id: number | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: "system" };

export function userActor(user: { id: number; name: string; email: string }): Actor {
  return { id: user.id, label: `${user.name} <${user.email}>` };
}

/** A write made through /api/v1: no user behind it, the token named so the log says which integration did it. */
export function apiTokenActor(token: { name: string }): Actor {
  return { id: null, label: `API token ${token.name}` };
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The one audit writer, in two forms: `recordAudit` for one entry (Drizzle), `recordAuditRows` for
 * the set-wise writers (an import batch, a bulk action) that run raw postgres.js for speed.
 *
 * It is also where webhook events are born (lib/webhooks/outbox.ts): an entry whose action is an
 * event (contact.create → contact.created, …) puts the event in the outbox in the same transaction.
 */

/** Records one write. Call it inside the write's own transaction so both land or neither does. Returns the entry's id. */
export async function recordAudit(tx: Executor, actor: Actor, entry: AuditInput): Promise<number> {
  const insert = tx
    .insert(auditLog)
    .values({
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .returning({ id: auditLog.id });
  const events = webhookEventsFor(entry);
  if (events.length) return recordAuditWithEvents(tx, insert, events);
  const [row] = await insert;
  return row!.id;
}

/**
 * Records how work announced by an earlier entry ended (an export is recorded before its first byte
 * is sent, and ends with a row count): as an entry of its own, `<action>.end` about the first entry,
 * because entries are never changed (the audit_log_append_only trigger, migration 0020).
 */
export async function recordAuditEnd(exec: Executor, actor: Actor, started: { id: number; action: string }, after: unknown): Promise<void> {
  await recordAudit(exec, actor, { action: `${started.action}.end`, entityType: "audit_log", entityId: started.id, after });
}

export interface AuditRows {
  action: string;
  entityType: string;
  /** A query with one row per entry and the columns entity_id (text), before and after (jsonb, or null). */
  rows: postgres.Fragment;
}

/**
 * The set-wise form: as many entries as `rows` yields, in one INSERT … SELECT, whatever their
 * number. Call it with the write's own transaction, like `recordAudit`.
 */
export async function recordAuditRows(sql: postgres.Sql | postgres.TransactionSql, actor: Actor, entries: AuditRows): Promise<void> {
  const insert = sql`
    insert into audit_log (actor_id, actor_label, action, entity_type, entity_id, before, after)
    select ${actor.id}::bigint, ${actor.label}::text, ${entries.action}::text, ${entries.entityType}::text,
      r.entity_id::text, r.before::jsonb, r.after::jsonb
    from r`;
  await writeWithWebhookEvents(sql, entries.action, entries.rows, insert);
}
