import { count, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { activities, contacts, notes, type Contact } from "@/db/schema";
import type { AttributeType } from "@/db/schema/enums";

export type AttributeValue = string | number | boolean;

export interface ContactSnapshot {
  contact: Contact;
  phones: { id: number; e164: string; label: string | null; isPrimary: boolean }[];
  emails: { id: number; email: string; emailNormalized: string; label: string | null; isPrimary: boolean }[];
  externalIds: { id: number; system: string; externalId: string }[];
  links: { id: number; label: string; url: string }[];
  tags: { id: number; name: string; color: string }[];
  /** Custom attribute values by attribute key, typed (numbers as numbers, dates as YYYY-MM-DD). */
  attributes: Record<string, { attributeId: number; type: AttributeType; value: AttributeValue }>;
  noteCount: number;
  activityCount: number;
}

/** A custom attribute value as the snapshot query returns it: the number and the date as text. */
interface AttributeRow {
  attributeId: number;
  key: string;
  type: AttributeType;
  text: string | null;
  number: string | null;
  date: string | null;
  bool: boolean | null;
}

function typedValue(row: AttributeRow): AttributeValue | null {
  if (row.text !== null) return row.text;
  if (row.number !== null) return Number(row.number);
  if (row.date !== null) return row.date;
  return row.bool;
}

/** The selected contact's id, qualified: Drizzle may write a lone "id" (it does in a one-table select), which a subquery would take for its own. */
const outerId = sql.raw(`"contacts"."id"`);

/**
 * Rows per contact of one child table, for the given contacts only (a subquery to join). The count
 * is named after the alias: Drizzle writes it unqualified, so two of them must not share a name.
 */
function countsPerContact(tx: Executor, contactId: typeof notes.contactId | typeof activities.contactId, ids: number[], alias: string) {
  return tx.select({ contactId, n: count().as(`${alias}_n`) }).from(contactId.table).where(inArray(contactId, ids)).groupBy(contactId).as(alias);
}

/** The rows of one child table of the contact being selected, as a JSON array (empty, not null). */
function children<T>(query: ReturnType<typeof sql>) {
  return sql<T[]>`coalesce((${query}), '[]'::json)`;
}

/**
 * Whole contact records (everything but the notes' and activities' bodies), in the order of `ids`.
 * Missing ids are left out. Pass a transaction to read what it has locked.
 * One statement, so a merge of 25 contacts pays one round trip: the few children are per-contact
 * subqueries on their contact_id indexes; notes and activities, which can run to thousands, are
 * counted for all the contacts at once (at worst one scan, never one per contact).
 */
export async function loadContactSnapshots(tx: Executor, ids: number[]): Promise<ContactSnapshot[]> {
  if (ids.length === 0) return [];
  const noteCounts = countsPerContact(tx, notes.contactId, ids, "note_counts");
  const activityCounts = countsPerContact(tx, activities.contactId, ids, "activity_counts");
  const rows = await tx
    .select({
      contact: contacts,
      phones: children<ContactSnapshot["phones"][number]>(sql`
        select json_agg(json_build_object('id', p.id, 'e164', p.e164, 'label', p.label, 'isPrimary', p.is_primary) order by p.id)
        from contact_phones p where p.contact_id = ${outerId}`),
      emails: children<ContactSnapshot["emails"][number]>(sql`
        select json_agg(json_build_object('id', e.id, 'email', e.email, 'emailNormalized', e.email_normalized, 'label', e.label,
                                          'isPrimary', e.is_primary) order by e.id)
        from contact_emails e where e.contact_id = ${outerId}`),
      externalIds: children<ContactSnapshot["externalIds"][number]>(sql`
        select json_agg(json_build_object('id', x.id, 'system', x.system, 'externalId', x.external_id) order by x.id)
        from contact_external_ids x where x.contact_id = ${outerId}`),
      links: children<ContactSnapshot["links"][number]>(sql`
        select json_agg(json_build_object('id', l.id, 'label', l.label, 'url', l.url) order by l.id)
        from contact_links l where l.contact_id = ${outerId}`),
      tags: children<ContactSnapshot["tags"][number]>(sql`
        select json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) order by t.name, t.id)
        from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = ${outerId}`),
      attributes: children<AttributeRow>(sql`
        select json_agg(json_build_object('attributeId', v.attribute_id, 'key', d.key, 'type', d.type, 'text', v.text_value,
                                          'number', v.number_value::text, 'date', v.date_value::text, 'bool', v.bool_value)
                        order by v.attribute_id)
        from contact_attribute_values v join attribute_definitions d on d.id = v.attribute_id where v.contact_id = ${outerId}`),
      noteCount: sql<number>`coalesce(${noteCounts.n}, 0)`.mapWith(Number),
      activityCount: sql<number>`coalesce(${activityCounts.n}, 0)`.mapWith(Number),
    })
    .from(contacts)
    .leftJoin(noteCounts, eq(noteCounts.contactId, contacts.id))
    .leftJoin(activityCounts, eq(activityCounts.contactId, contacts.id))
    .where(inArray(contacts.id, ids));
  const byId = new Map(rows.map((r) => [r.contact.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const attributes: ContactSnapshot["attributes"] = {};
    for (const v of row.attributes) {
      const value = typedValue(v);
      if (value !== null) attributes[v.key] = { attributeId: v.attributeId, type: v.type, value };
    }
    return [{ ...row, attributes }];
  });
}

export async function loadContactSnapshot(tx: Executor, id: number): Promise<ContactSnapshot | null> {
  const [snapshot] = await loadContactSnapshots(tx, [id]);
  return snapshot ?? null;
}
