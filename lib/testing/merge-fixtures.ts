import { inArray } from "drizzle-orm";
import { db } from "@/db";
import {
  activities,
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
import { resolveContactId } from "@/lib/contacts/merge";
import { makeContact, unique, uniquePhone } from "./factories";

export interface RichContactParts {
  phones?: number;
  emails?: number;
  tagIds?: number[];
  links?: string[];
  externalIds?: number;
  notes?: Date[];
  activities?: Date[];
  attributes?: { attributeId: number; textValue: string }[];
}

export async function makeTag(): Promise<number> {
  const [tag] = await db.insert(tags).values({ name: unique("Tag ") }).returning({ id: tags.id });
  return tag!.id;
}

/** A contact with identifiers, links, tags, notes and activities, for merge tests. */
export async function makeRichContact(values: Partial<typeof contacts.$inferInsert> = {}, parts: RichContactParts = {}): Promise<Contact> {
  const c = await makeContact(values, {
    phones: Array.from({ length: parts.phones ?? 0 }, () => uniquePhone()),
    emails: Array.from({ length: parts.emails ?? 0 }, () => `${unique("m")}@merge.test`),
  });
  if (parts.tagIds?.length) await db.insert(contactTags).values(parts.tagIds.map((tagId) => ({ contactId: c.id, tagId })));
  if (parts.links?.length) await db.insert(contactLinks).values(parts.links.map((url) => ({ contactId: c.id, url, label: `Link of ${c.id}` })));
  if (parts.externalIds) {
    await db
      .insert(contactExternalIds)
      .values(Array.from({ length: parts.externalIds }, () => ({ contactId: c.id, system: "crm", externalId: unique("x") })));
  }
  if (parts.notes?.length) await db.insert(notes).values(parts.notes.map((createdAt) => ({ contactId: c.id, body: `Note ${unique()}`, createdAt })));
  if (parts.activities?.length) {
    await db.insert(activities).values(parts.activities.map((occurredAt) => ({ contactId: c.id, type: "call" as const, summary: "Called", occurredAt })));
  }
  if (parts.attributes?.length) await db.insert(contactAttributeValues).values(parts.attributes.map((a) => ({ contactId: c.id, ...a })));
  return c;
}

/** Everything a contact holds that a merge must never lose, by contact id. */
export interface HeldRows {
  phones: string[];
  emails: string[];
  externalIds: string[];
  links: string[];
  tags: number[];
  notes: number[];
  activities: number[];
}

export async function heldRows(ids: number[]): Promise<Map<number, HeldRows>> {
  const [phones, emails, externalIds, links, tagRows, noteRows, activityRows] = await Promise.all([
    db.select({ c: contactPhones.contactId, v: contactPhones.e164 }).from(contactPhones).where(inArray(contactPhones.contactId, ids)),
    db.select({ c: contactEmails.contactId, v: contactEmails.emailNormalized }).from(contactEmails).where(inArray(contactEmails.contactId, ids)),
    db.select({ c: contactExternalIds.contactId, v: contactExternalIds.externalId }).from(contactExternalIds).where(inArray(contactExternalIds.contactId, ids)),
    db.select({ c: contactLinks.contactId, v: contactLinks.url }).from(contactLinks).where(inArray(contactLinks.contactId, ids)),
    db.select({ c: contactTags.contactId, v: contactTags.tagId }).from(contactTags).where(inArray(contactTags.contactId, ids)),
    db.select({ c: notes.contactId, v: notes.id }).from(notes).where(inArray(notes.contactId, ids)),
    db.select({ c: activities.contactId, v: activities.id }).from(activities).where(inArray(activities.contactId, ids)),
  ]);
  const out = new Map<number, HeldRows>(
    ids.map((id) => [id, { phones: [], emails: [], externalIds: [], links: [], tags: [], notes: [], activities: [] }]),
  );
  const put = <K extends keyof HeldRows>(key: K, rows: { c: number; v: HeldRows[K][number] }[]) => {
    for (const r of rows) (out.get(r.c)![key] as HeldRows[K][number][]).push(r.v);
  };
  put("phones", phones);
  put("emails", emails);
  put("externalIds", externalIds);
  put("links", links);
  put("tags", tagRows);
  put("notes", noteRows);
  put("activities", activityRows);
  return out;
}

/**
 * Every row held before is now held by the contact the original one resolves to (itself, or the
 * primary it was merged into). Returns the problems found; empty when nothing was lost. Contacts in
 * `mayVanish` (a race's bulk delete) may be gone with their rows, or have been merged first.
 */
export async function lostRows(before: Map<number, HeldRows>, mayVanish: ReadonlySet<number> = new Set()): Promise<string[]> {
  const problems: string[] = [];
  const finalOf = new Map<number, number>();
  for (const id of before.keys()) {
    const resolved = await resolveContactId(id);
    if (resolved) finalOf.set(id, resolved.contactId);
    else if (!mayVanish.has(id)) problems.push(`contact ${id} vanished without a redirect`);
  }
  const after = await heldRows([...new Set(finalOf.values())]);
  for (const [id, rows] of before) {
    const target = after.get(finalOf.get(id)!);
    if (!target) continue;
    for (const key of Object.keys(rows) as (keyof HeldRows)[]) {
      for (const v of rows[key] as (string | number)[]) {
        if (!(target[key] as (string | number)[]).includes(v)) problems.push(`${key} ${v} of contact ${id} is not on contact ${finalOf.get(id)}`);
      }
    }
  }
  return problems;
}
