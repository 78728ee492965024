import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db";
import { auditLog, contactRedirects, contacts } from "@/db/schema";
import { resolveContactKey } from "@/lib/contacts/merge";
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
 * Resolves the typed entity: with no type or the type "contact", a Contact ID (live, or merged into
 * another) selects that contact's entries and those of the contacts merged into it; anything else
 * is matched as the entity's raw id.
 */
export async function resolveAuditFilters(filters: AuditFilters): Promise<AuditSelection> {
  const { entity, ...rest } = filters;
  if (!entity) return rest;
  if (!filters.entityType || filters.entityType === "contact") {
    const found = await resolveContactKey(entity);
    if (found) {
      const ids = await contactEntityIds(found.id);
      return { ...rest, entityType: "contact", entityIds: ids.map(String), contact: { id: found.id, contactKey: found.contactKey, mergedIds: ids.slice(1) } };
    }
  }
  return { ...rest, entityIds: [entity] };
}

/** Midnight UTC starting a day, `days` after the one given. */
const midnightUtc = (day: string, days = 0) => sql`(${day}::date + ${days}::int)::timestamp at time zone 'UTC'`;

/** The filters as one predicate (each filter has an index ending in id, migration 0020). */
export function auditWhere(s: AuditSelection): SQL | undefined {
  return and(
    s.actor?.kind === "user" ? eq(auditLog.actorId, s.actor.id) : undefined,
    s.actor?.kind === "label" ? eq(auditLog.actorLabel, s.actor.label) : undefined,
    s.action ? eq(auditLog.action, s.action) : undefined,
    s.entityType ? eq(auditLog.entityType, s.entityType) : undefined,
    s.entityIds ? (s.entityIds.length === 1 ? eq(auditLog.entityId, s.entityIds[0]!) : inArray(auditLog.entityId, s.entityIds)) : undefined,
    s.from ? gte(auditLog.createdAt, midnightUtc(s.from)) : undefined,
    s.to ? lt(auditLog.createdAt, midnightUtc(s.to, 1)) : undefined,
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
const pageWhere = (s: AuditSelection, before: number | null) => and(auditWhere(s), before ? lt(auditLog.id, before) : undefined);

/**
 * One page's query, newest first below the cursor (keyset on id: no OFFSET, as fast 10 000 entries
 * deep), one entry more than the page to know whether another follows. The list leaves the
 * before/after out (they can be large); the CSV's query (auditValuesQuery) reads them.
 */
export function auditPageQuery(s: AuditSelection, before: number | null, size: number) {
  return db.select(LIST_COLUMNS).from(auditLog).where(pageWhere(s, before)).orderBy(desc(auditLog.id)).limit(size + 1);
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
  const rows = await auditPageQuery(s, before, size);
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
