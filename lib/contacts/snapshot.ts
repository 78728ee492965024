import { asc, count, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db";
import {
  activities,
  attributeDefinitions,
  contactAttributeValues,
  contactEmails,
  contactExternalIds,
  contactLinks,
  contactPhones,
  contacts,
  contactTags,
  notes,
  tags,
  type Contact,
} from "@/db/schema";
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

function typedValue(row: typeof contactAttributeValues.$inferSelect): AttributeValue | null {
  if (row.textValue !== null) return row.textValue;
  if (row.numberValue !== null) return Number(row.numberValue);
  if (row.dateValue !== null) return row.dateValue;
  return row.boolValue;
}

/**
 * Whole contact records (everything but the notes' and activities' bodies), in the order of `ids`.
 * Missing ids are left out. Pass a transaction to read what it has locked.
 */
export async function loadContactSnapshots(tx: Executor, ids: number[]): Promise<ContactSnapshot[]> {
  if (ids.length === 0) return [];
  const [rows, phones, emails, externalIds, links, tagRows, values, noteCounts, activityCounts] = await Promise.all([
    tx.select().from(contacts).where(inArray(contacts.id, ids)),
    tx.select().from(contactPhones).where(inArray(contactPhones.contactId, ids)).orderBy(asc(contactPhones.id)),
    tx.select().from(contactEmails).where(inArray(contactEmails.contactId, ids)).orderBy(asc(contactEmails.id)),
    tx.select().from(contactExternalIds).where(inArray(contactExternalIds.contactId, ids)).orderBy(asc(contactExternalIds.id)),
    tx.select().from(contactLinks).where(inArray(contactLinks.contactId, ids)).orderBy(asc(contactLinks.id)),
    tx
      .select({ contactId: contactTags.contactId, id: tags.id, name: tags.name, color: tags.color })
      .from(contactTags)
      .innerJoin(tags, eq(tags.id, contactTags.tagId))
      .where(inArray(contactTags.contactId, ids))
      .orderBy(asc(tags.name)),
    tx
      .select({ value: contactAttributeValues, key: attributeDefinitions.key, type: attributeDefinitions.type })
      .from(contactAttributeValues)
      .innerJoin(attributeDefinitions, eq(attributeDefinitions.id, contactAttributeValues.attributeId))
      .where(inArray(contactAttributeValues.contactId, ids)),
    tx.select({ contactId: notes.contactId, n: count() }).from(notes).where(inArray(notes.contactId, ids)).groupBy(notes.contactId),
    tx
      .select({ contactId: activities.contactId, n: count() })
      .from(activities)
      .where(inArray(activities.contactId, ids))
      .groupBy(activities.contactId),
  ]);
  const byId = new Map(rows.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const contact = byId.get(id);
    if (!contact) return [];
    const attributes: ContactSnapshot["attributes"] = {};
    for (const v of values) {
      if (v.value.contactId !== id) continue;
      const value = typedValue(v.value);
      if (value !== null) attributes[v.key] = { attributeId: v.value.attributeId, type: v.type, value };
    }
    return [
      {
        contact,
        phones: phones.filter((p) => p.contactId === id).map(({ id, e164, label, isPrimary }) => ({ id, e164, label, isPrimary })),
        emails: emails
          .filter((e) => e.contactId === id)
          .map(({ id, email, emailNormalized, label, isPrimary }) => ({ id, email, emailNormalized, label, isPrimary })),
        externalIds: externalIds.filter((x) => x.contactId === id).map(({ id, system, externalId }) => ({ id, system, externalId })),
        links: links.filter((l) => l.contactId === id).map(({ id, label, url }) => ({ id, label, url })),
        tags: tagRows.filter((t) => t.contactId === id).map(({ id, name, color }) => ({ id, name, color })),
        attributes,
        noteCount: noteCounts.find((n) => n.contactId === id)?.n ?? 0,
        activityCount: activityCounts.find((n) => n.contactId === id)?.n ?? 0,
      },
    ];
  });
}

export async function loadContactSnapshot(tx: Executor, id: number): Promise<ContactSnapshot | null> {
  const [snapshot] = await loadContactSnapshots(tx, [id]);
  return snapshot ?? null;
}
