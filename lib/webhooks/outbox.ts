import { sql as dsql, type SQL, type SQLWrapper } from "drizzle-orm";
import type postgres from "postgres";
import type { Executor } from "@/db";
import type { WebhookEventType } from "@/db/schema/webhooks";
import type { PendingEvent } from "./events";

/**
 * The outbox: webhook events written by the audit writer (lib/audit.ts) in the transaction of the
 * change, with one delivery row per enabled endpoint subscribed to the event. A rolled-back change
 * leaves nothing; a committed one leaves its deliveries for the queue (./queue.ts).
 *
 * Raw SQL, in both of the audit writer's dialects (Drizzle for one entry, postgres.js for the
 * set-wise form), so that each write is one statement. When no endpoint listens — the usual case —
 * the statement finds that in the GIN index on enabled endpoints' events (`@>`) and inserts nothing.
 */

/** Given a relation `ev(type, data)`, CTEs that insert the events someone listens to and their deliveries. */
const EVENTS_AND_DELIVERIES = `
  ins as (
    insert into webhook_events (type, data)
    select ev.type, ev.data from ev
    where exists (select 1 from webhook_endpoints w where w.enabled and w.events @> array[ev.type])
    returning id, type),
  dl as (
    insert into webhook_deliveries (event_id, endpoint_id)
    select ins.id, w.id from ins join webhook_endpoints w on w.enabled and w.events @> array[ins.type]
    returning 1)`;
/** The same as a statement's end (a data-modifying CTE runs whether or not it is read). */
const INSERT_EVENTS_AND_DELIVERIES = `${EVENTS_AND_DELIVERIES} select count(*) from dl`;

/**
 * One audit entry and its events, from `recordAudit`: `insertAudit` (an insert into audit_log
 * returning its id) and the events (one, for most entries) in one statement, as every contact write
 * pays it. The entry's id.
 */
export async function recordAuditWithEvents(exec: Executor, insertAudit: SQLWrapper, events: PendingEvent[]): Promise<number> {
  const [row] = await exec.execute<{ id: string }>(dsql`
    with audit as (${insertAudit.getSQL()}),
    ev as (select e.type, e.data from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) e(type text, data jsonb)),
    ${dsql.raw(EVENTS_AND_DELIVERIES)}
    select id from audit`);
  return Number(row!.id);
}

/**
 * For the bulk writers (lib/bulk/apply.ts), whose set-wise statements write no audit entry per
 * contact: the end of a WITH chain, after their CTEs, giving one `type` event per Contact ID that
 * `contactKeys` (a query with a column contact_key, over those CTEs) yields. The guard is a one-time
 * filter: when nobody listens, `contactKeys` is not even run.
 */
export function contactEventsTail(type: WebhookEventType, contactKeys: SQL): SQL {
  return dsql`
    ev as (
      select ${type}::text as type, jsonb_build_object('contact_id', k.contact_key) as data from (${contactKeys}) k
      where exists (select 1 from webhook_endpoints w where w.enabled and w.events @> array[${type}::text])),
    ${dsql.raw(INSERT_EVENTS_AND_DELIVERIES)}`;
}

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * The events of a set-wise audit entry, as a query over its rows `r(entity_id, before, after)`,
 * or null when the action sends nothing. An import batch's entry lists the contacts it created and
 * updated (lib/import/write/write-batch.ts): one event per contact.
 */
function setWiseEvents(sql: Sql, action: string): postgres.Fragment | null {
  const contacts = (type: string, key: string) => sql`
    select ${type}::text as type, jsonb_build_object('contact_id', c.contact_key) as data
    from r cross join lateral jsonb_array_elements_text(r.after -> ${key}) x(id)
    join contacts c on c.id = x.id::bigint
    where exists (select 1 from webhook_endpoints w where w.enabled and w.events @> array[${type}::text])`;
  if (action === "import.batch") {
    return sql`${contacts("contact.created", "createdContactIds")} union all ${contacts("contact.updated", "mergedContactIds")}`;
  }
  if (action === "import.completed") {
    // after: the job's counters as lib/import/job/run-job.ts `finish` reads them, and its file name.
    const count = (key: string) => sql`(r.after ->> ${key})::int`;
    return sql`
      select 'import.completed'::text as type,
        jsonb_build_object('import_id', r.entity_id, 'file_name', r.after ->> 'fileName', 'created', ${count("created_count")},
          'merged', ${count("merged_count")}, 'skipped', ${count("skipped_count")}, 'failed', ${count("failed_count")}) as data
      from r`;
  }
  return null;
}

/**
 * Runs the set-wise audit insert `insertAudit` (which reads `r`) over `rows`, with the entries'
 * webhook events in the same statement when the action has any.
 */
export async function writeWithWebhookEvents(sql: Sql, action: string, rows: postgres.Fragment, insertAudit: postgres.Fragment): Promise<void> {
  const events = setWiseEvents(sql, action);
  if (!events) {
    await sql`with r as (${rows}) ${insertAudit}`;
    return;
  }
  await sql`with r as (${rows}), audit as (${insertAudit}), ev as (${events}), ${sql.unsafe(INSERT_EVENTS_AND_DELIVERIES)}`;
}
