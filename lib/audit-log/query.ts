import { and, desc, eq, gte, inArray, lt, sql, type Placeholder, type SQL } from "drizzle-orm";
import { db, poolScoped, type Database, type Executor } from "@/db";
import { auditLog, contactRedirects, contacts } from "@/db/schema";
import type { AuditFilters } from "./params";

export const AUDIT_PAGE_SIZE = 50;

/** What the filters select, once the typed entity is resolved (a Contact ID to its contact's row ids). */
export interface AuditSelection {
  actor?: AuditFilters["actor"];
  action?: string;
  entityType?: string;
  entityIds?: string[];
  from?: string;
  to?: string;
  /** The contact the typed entity named, if it named one (for the page to say so). */
  contact?: { id: number; contactKey: string; mergedIds: number[] };
}

/** A contact's own row id and the ids of the contacts merged into it: whose entries are its history. */
export async function contactEntityIds(contactId: number, exec: Executor = db): Promise<number[]> {
  const merged = await exec.select({ id: contactRedirects.oldContactId }).from(contactRedirects).where(eq(contactRedirects.contactId, contactId));
  return [contactId, ...merged.map((m) => m.id)];
}

/**
 * A Contact ID, live or merged into another, to its contact and the ids of the contacts merged into
 * it, in one statement (the filter is resolved on every page of the viewer).
 */
async function contactWithMerged(contactKey: string): Promise<AuditSelection["contact"] | null> {
  const [row] = await poolScoped("audit.contactWithMerged", prepareContactWithMerged).execute({ contactKey });
  return row ? { id: row.id, contactKey: row.contactKey, mergedIds: row.mergedIds.map(Number) } : null;
}

function prepareContactWithMerged(on: Database) {
  const key = sql.placeholder("contactKey");
  return on
    .select({
      id: contacts.id,
      contactKey: contacts.contactKey,
      mergedIds: sql<string[]>`array(select ${contactRedirects.oldContactId} from ${contactRedirects} where ${contactRedirects.contactId} = ${contacts.id})`,
    })
    .from(contacts)
    .where(
      eq(
        contacts.id,
        sql`coalesce((select ${contacts.id} from ${contacts} where ${contacts.contactKey} = ${key}), (select ${contactRedirects.contactId} from ${contactRedirects} where ${contactRedirects.oldContactKey} = ${key}))`,
      ),
    )
    .prepare("audit_contact_with_merged");
}

/**
 * Resolves the typed entity: with no type or the type "contact", a Contact ID (live, or merged into
 * another) selects that contact's entries and those of the contacts merged into it; anything else
 * is matched as the entity's raw id.
 */
export async function resolveAuditFilters(filters: AuditFilters): Promise<AuditSelection> {
  const { entity, ...rest } = filters;
  if (!entity) return rest;
  if (!filters.entityType || filters.entityType === "contact") {
    const contact = await contactWithMerged(entity);
    if (contact) return { ...rest, entityType: "contact", entityIds: [contact.id, ...contact.mergedIds].map(String), contact };
  }
  return { ...rest, entityIds: [entity] };
}

/**
 * How a filter's value enters the statement: as itself, or as a named placeholder of a prepared
 * statement (listAuditPage), recording the value under that name.
 */
type Bind = <T>(name: string, value: T) => T | Placeholder;
const inline: Bind = (_name, value) => value;

/** Midnight UTC starting a day, `days` after the one given. */
const midnightUtc = (day: string | Placeholder, days = 0) => sql`(${day}::date + ${days}::int)::timestamp at time zone 'UTC'`;

/** The filters as one predicate (each filter has an index ending in id, migration 0020). */
export function auditWhere(s: AuditSelection, bind: Bind = inline): SQL | undefined {
  return and(
    s.actor?.kind === "user" ? eq(auditLog.actorId, bind("actorId", s.actor.id)) : undefined,
    s.actor?.kind === "label" ? eq(auditLog.actorLabel, bind("actorLabel", s.actor.label)) : undefined,
    s.action ? eq(auditLog.action, bind("action", s.action)) : undefined,
    s.entityType ? eq(auditLog.entityType, bind("entityType", s.entityType)) : undefined,
    s.entityIds
      ? s.entityIds.length === 1
        ? eq(auditLog.entityId, bind("entityId0", s.entityIds[0]!))
        : inArray(auditLog.entityId, s.entityIds.map((id, i) => bind(`entityId${i}`, id)))
      : undefined,
    s.from ? gte(auditLog.createdAt, midnightUtc(bind("from", s.from))) : undefined,
    s.to ? lt(auditLog.createdAt, midnightUtc(bind("to", s.to), 1)) : undefined,
  );
}

const LIST_COLUMNS = {
  id: auditLog.id,
  createdAt: auditLog.createdAt,
  actorId: auditLog.actorId,
  actorLabel: auditLog.actorLabel,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
};

/** Below the cursor, within the filters. */
const pageWhere = (s: AuditSelection, before: number | null, bind: Bind = inline) =>
  and(auditWhere(s, bind), before ? lt(auditLog.id, bind("before", before)) : undefined);

/**
 * One page's query, newest first below the cursor (keyset on id: no OFFSET, as fast 10 000 entries
 * deep), one entry more than the page to know whether another follows. The list leaves the
 * before/after out (they can be large); the CSV's query (auditValuesQuery) reads them.
 */
export function auditPageQuery(s: AuditSelection, before: number | null, size: number, bind: Bind = inline) {
  return db
    .select(LIST_COLUMNS)
    .from(auditLog)
    .where(pageWhere(s, before, bind))
    .orderBy(desc(auditLog.id))
    .limit(bind("limit", size + 1));
}

/** Past this many ids (a contact with many merged into it), each count would be a statement of its own: sent unprepared. */
const PREPARED_ENTITY_IDS = 8;

/**
 * auditPageQuery prepared once per shape (which filters are on), the values bound by name: a page
 * then costs its execution alone, with neither the statement's text built nor PostgreSQL parsing it.
 */
function runPageQuery(s: AuditSelection, before: number | null, size: number) {
  if ((s.entityIds?.length ?? 0) > PREPARED_ENTITY_IDS) return auditPageQuery(s, before, size);
  const values: Record<string, unknown> = {};
  const query = auditPageQuery(s, before, size, (name, value) => {
    values[name] = value;
    return sql.placeholder(name);
  });
  const shape = Object.keys(values).join(",");
  return poolScoped(`audit.page:${shape}`, () => query.prepare(`audit_page:${shape}`)).execute(values);
}

export function auditValuesQuery(s: AuditSelection, before: number | null, size: number) {
  return db
    .select({ ...LIST_COLUMNS, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(pageWhere(s, before))
    .orderBy(desc(auditLog.id))
    .limit(size + 1);
}

export type AuditListEntry = Awaited<ReturnType<typeof auditPageQuery>>[number];

export interface AuditPage {
  entries: AuditListEntry[];
  /** The cursor of the next (older) page, or null when this is the last. */
  nextBefore: number | null;
}

/** A page of entries (one more is read to know whether another page follows). */
export async function listAuditPage(s: AuditSelection, before: number | null, size = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const rows = await runPageQuery(s, before, size);
  const entries = rows.slice(0, size);
  return { entries, nextBefore: rows.length > size ? entries[entries.length - 1]!.id : null };
}

/** A contact's history: its entries and those of the contacts merged into it, newest first. */
export async function contactHistoryPage(contactId: number, before: number | null, size = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const ids = await contactEntityIds(contactId);
  return listAuditPage({ entityType: "contact", entityIds: ids.map(String) }, before, size);
}

export async function loadAuditEntry(id: number) {
  const [entry] = await db.select().from(auditLog).where(eq(auditLog.id, id)).limit(1);
  return entry ?? null;
}

/** The Contact ID and name of the contacts a page's entries are about, merged-away ones by their old Contact ID. */
export async function contactLabels(entries: readonly { entityType: string; entityId: string | null }[]): Promise<Map<string, string>> {
  const ids = [...new Set(entries.filter((e) => e.entityType === "contact" && e.entityId && /^\d{1,18}$/.test(e.entityId)).map((e) => Number(e.entityId)))];
  const labels = new Map<string, string>();
  if (ids.length === 0) return labels;
  const [live, moved] = await Promise.all([
    db.select({ id: contacts.id, key: contacts.contactKey }).from(contacts).where(inArray(contacts.id, ids)),
    db.select({ id: contactRedirects.oldContactId, key: contactRedirects.oldContactKey }).from(contactRedirects).where(inArray(contactRedirects.oldContactId, ids)),
  ]);
  for (const c of [...moved, ...live]) labels.set(String(c.id), c.key);
  return labels;
}
