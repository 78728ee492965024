import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { contactAttributeValues, contactEmails, contactExternalIds, contactPhones, contactTags, tags } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { ValidationError } from "@/lib/errors";
import { displayAttributeValue, type StoredValue } from "@/lib/fields/attribute";
import { formatPhone } from "@/lib/phone";
import { DEFAULT_TAG_COLOR, insertTag } from "@/lib/tags/tags";
import type { ActivityInput } from "./activity";
import { ONLY_ADMINS_CREATE_TAGS } from "./contact-tags";
import type { PreparedIdentifier, PreparedRecord } from "./record";
import type { ContactSnapshot } from "./snapshot";

/** What the caller may do beyond writing the contact: create a tag no one has yet (an admin's right). */
export interface RecordWriteOptions {
  createTags: boolean;
}

type Before = Pick<ContactSnapshot, "phones" | "emails" | "externalIds" | "tags" | "attributes">;
export const EMPTY_CONTACT: Before = { phones: [], emails: [], externalIds: [], tags: [], attributes: {} };

/**
 * Writes the sets a record carries onto one contact, inside the caller's transaction (the contact
 * locked, or just inserted): phones, e-mails and external IDs replace the contact's, tags too, and
 * each attribute sent is set or removed. A set the record leaves out is not touched. Returns the
 * timeline events of what changed. Identifier conflicts are checked by the caller beforehand
 * (`recordIdentifierProblem`); the unique indexes stay the guard against races.
 */
export async function writeRecordSets(
  tx: Executor,
  contactId: number,
  before: Before,
  record: PreparedRecord,
  actor: Actor,
  options: RecordWriteOptions,
): Promise<ActivityInput[]> {
  const events: ActivityInput[] = [];
  if (record.phones) events.push(...(await replacePhones(tx, contactId, before.phones, record.phones)));
  if (record.emails) events.push(...(await replaceEmails(tx, contactId, before.emails, record.emails)));
  if (record.externalIds) events.push(...(await replaceExternalIds(tx, contactId, before.externalIds, record.externalIds)));
  if (record.tags) events.push(...(await replaceTags(tx, contactId, before.tags, record.tags, actor, options)));
  if (record.attributes) events.push(...(await setAttributes(tx, contactId, before.attributes, record.attributes)));
  return events;
}

interface IdentifierTable {
  kind: "phone" | "email";
  shown: (value: string) => string;
  /** Deletes rows by id; clears the primary; inserts values; sets a label; makes one primary. */
  remove: (ids: number[]) => Promise<unknown>;
  clearPrimary: () => Promise<unknown>;
  insert: (rows: PreparedIdentifier[]) => Promise<unknown>;
  relabel: (id: number, label: string | null) => Promise<unknown>;
  makePrimary: (value: string) => Promise<unknown>;
}

/**
 * Makes a contact's phones or e-mails exactly `next`: rows that stay keep their id and age, removed
 * ones go, new ones come, labels follow, and the primary is the one `next` marks (cleared first: the
 * partial unique index allows one primary at any moment).
 */
async function replaceIdentifiers(t: IdentifierTable, before: { id: number; value: string; label: string | null; isPrimary: boolean }[], next: PreparedIdentifier[]) {
  const events: ActivityInput[] = [];
  const noun = t.kind === "phone" ? "Phone" : "Email";
  const removed = before.filter((b) => !next.some((n) => n.value === b.value));
  const added = next.filter((n) => !before.some((b) => b.value === n.value));
  const primary = next.find((n) => n.isPrimary)?.value;
  const oldPrimary = before.find((b) => b.isPrimary)?.value;
  if (removed.length) await t.remove(removed.map((r) => r.id));
  if (primary !== oldPrimary && oldPrimary !== undefined && !removed.some((r) => r.value === oldPrimary)) await t.clearPrimary();
  if (added.length) await t.insert(added.map((a) => ({ ...a, isPrimary: false })));
  for (const b of before) {
    const n = next.find((x) => x.value === b.value);
    if (!n || n.label === b.label) continue;
    await t.relabel(b.id, n.label);
    events.push({ type: "edited", summary: n.label ? `${noun} ${t.shown(b.value)} labelled “${n.label}”` : `${noun} ${t.shown(b.value)} label cleared` });
  }
  if (primary !== undefined && primary !== oldPrimary) await t.makePrimary(primary);
  for (const r of removed) events.push({ type: "edited", summary: `${noun} ${t.shown(r.value)} removed`, payload: { [t.kind]: r.value } });
  for (const a of added) events.push({ type: "edited", summary: `${noun} ${t.shown(a.value)} added`, payload: { [t.kind]: a.value } });
  if (primary !== undefined && primary !== oldPrimary && before.length) {
    events.push({ type: "edited", summary: `${noun} ${t.shown(primary)} made primary` });
  }
  return events;
}

function replacePhones(tx: Executor, contactId: number, before: Before["phones"], next: PreparedIdentifier[]) {
  const mine = eq(contactPhones.contactId, contactId);
  return replaceIdentifiers(
    {
      kind: "phone",
      shown: formatPhone,
      remove: (ids) => tx.delete(contactPhones).where(inArray(contactPhones.id, ids)),
      clearPrimary: () => tx.update(contactPhones).set({ isPrimary: false }).where(and(mine, eq(contactPhones.isPrimary, true))),
      insert: (rows) => tx.insert(contactPhones).values(rows.map((r) => ({ contactId, e164: r.value, label: r.label, isPrimary: r.isPrimary }))),
      relabel: (id, label) => tx.update(contactPhones).set({ label }).where(eq(contactPhones.id, id)),
      makePrimary: (value) => tx.update(contactPhones).set({ isPrimary: true }).where(and(mine, eq(contactPhones.e164, value))),
    },
    before.map((p) => ({ ...p, value: p.e164 })),
    next,
  );
}

function replaceEmails(tx: Executor, contactId: number, before: Before["emails"], next: PreparedIdentifier[]) {
  const mine = eq(contactEmails.contactId, contactId);
  return replaceIdentifiers(
    {
      kind: "email",
      shown: (email) => email,
      remove: (ids) => tx.delete(contactEmails).where(inArray(contactEmails.id, ids)),
      clearPrimary: () => tx.update(contactEmails).set({ isPrimary: false }).where(and(mine, eq(contactEmails.isPrimary, true))),
      // The value module's one stored form, in both columns (lib/fields/email.ts).
      insert: (rows) => tx.insert(contactEmails).values(rows.map((r) => ({ contactId, email: r.value, emailNormalized: r.value, label: r.label, isPrimary: r.isPrimary }))),
      relabel: (id, label) => tx.update(contactEmails).set({ label }).where(eq(contactEmails.id, id)),
      makePrimary: (value) => tx.update(contactEmails).set({ isPrimary: true }).where(and(mine, eq(contactEmails.emailNormalized, value))),
    },
    before.map((e) => ({ ...e, value: e.emailNormalized })),
    next,
  );
}

async function replaceExternalIds(tx: Executor, contactId: number, before: Before["externalIds"], next: NonNullable<PreparedRecord["externalIds"]>) {
  const same = (a: { system: string; externalId: string }, b: { system: string; externalId: string }) => a.system === b.system && a.externalId === b.externalId;
  const removed = before.filter((b) => !next.some((n) => same(n, b)));
  const added = next.filter((n) => !before.some((b) => same(n, b)));
  if (removed.length) await tx.delete(contactExternalIds).where(inArray(contactExternalIds.id, removed.map((r) => r.id)));
  if (added.length) await tx.insert(contactExternalIds).values(added.map((a) => ({ contactId, ...a })));
  return [
    ...removed.map((r): ActivityInput => ({ type: "edited", summary: `External ID ${r.externalId} (${r.system}) removed` })),
    ...added.map((a): ActivityInput => ({ type: "edited", summary: `External ID ${a.externalId} (${a.system}) added` })),
  ];
}

/**
 * Makes the contact's tags exactly `names` (matched case-insensitively). A name no tag has yet is
 * created only when the caller may create tags (an admin), as the profile does; otherwise refused.
 */
async function replaceTags(tx: Executor, contactId: number, before: Before["tags"], names: string[], actor: Actor, options: RecordWriteOptions) {
  const lower = names.map((n) => n.toLowerCase());
  const found = lower.length ? await tx.select().from(tags).where(inArray(sql`lower(${tags.name})`, lower)) : [];
  const byName = new Map(found.map((t) => [t.name.toLowerCase(), t]));
  const missing = names.map((name, i) => ({ name, i })).filter(({ name }) => !byName.has(name.toLowerCase()));
  if (missing.length && !options.createTags) {
    throw new ValidationError(
      "Please correct the fields named in details.",
      Object.fromEntries(missing.map(({ name, i }) => [`tags.${i}`, [`There is no tag “${name}”. ${ONLY_ADMINS_CREATE_TAGS}`]])),
    );
  }
  for (const { name } of missing) byName.set(name.toLowerCase(), await insertTag(tx, { name, color: DEFAULT_TAG_COLOR }, actor));
  const wanted = lower.map((n) => byName.get(n)!);
  const removed = before.filter((b) => !wanted.some((w) => w.id === b.id));
  const added = wanted.filter((w) => !before.some((b) => b.id === w.id));
  if (removed.length) await tx.delete(contactTags).where(and(eq(contactTags.contactId, contactId), inArray(contactTags.tagId, removed.map((r) => r.id))));
  if (added.length) await tx.insert(contactTags).values(added.map((t) => ({ contactId, tagId: t.id })));
  return [
    ...removed.map((t): ActivityInput => ({ type: "untagged", summary: `Tag “${t.name}” removed`, payload: { tagId: t.id } })),
    ...added.map((t): ActivityInput => ({ type: "tagged", summary: `Tagged “${t.name}”`, payload: { tagId: t.id } })),
  ];
}

/** Sets each attribute sent (null removes its value); the others stay as they are. */
async function setAttributes(tx: Executor, contactId: number, before: Before["attributes"], values: NonNullable<PreparedRecord["attributes"]>) {
  const events: ActivityInput[] = [];
  for (const { definition: def, value } of values) {
    const had = before[def.key];
    const where = and(eq(contactAttributeValues.contactId, contactId), eq(contactAttributeValues.attributeId, def.id));
    if (!value) {
      if (!had) continue;
      await tx.delete(contactAttributeValues).where(where);
      events.push({ type: "edited", summary: `${def.label} cleared`, payload: { attribute: def.key, from: had.value } });
      continue;
    }
    if (had && sameAttributeValue(had.value, value)) continue;
    const shown = displayAttributeValue(value);
    await tx
      .insert(contactAttributeValues)
      .values({ contactId, attributeId: def.id, ...value })
      .onConflictDoUpdate({ target: [contactAttributeValues.contactId, contactAttributeValues.attributeId], set: value });
    events.push({ type: "edited", summary: `${def.label} set to “${shown}”`, payload: { attribute: def.key, from: had?.value ?? null, to: shown } });
  }
  return events;
}

/** A snapshot's typed value (numbers as numbers) against a value about to be stored. */
export function sameAttributeValue(had: string | number | boolean, next: StoredValue): boolean {
  if (next.boolValue !== null) return had === next.boolValue;
  if (next.numberValue !== null) return had === Number(next.numberValue);
  return had === (next.textValue ?? next.dateValue);
}
