import type { MergeStrategy } from "@/db/schema/enums";
import type { Holder } from "@/lib/contacts/identifier-conflicts";
import type { PreparedIdentifier, PreparedRecord } from "@/lib/contacts/record";
import { sameAttributeValue } from "@/lib/contacts/record-write";
import type { ContactSnapshot } from "@/lib/contacts/snapshot";
import { phoneMatchKey } from "@/lib/phone";
import { MERGE_STRATEGY_LABELS } from "@/lib/settings/merge-strategy-labels";

/**
 * The pure half of an integration's upsert (SPEC §7): which contact a record is (`planMatch`), and
 * what it changes on that contact (`mergeIntoContact`). lib/integrations/upsert.ts reads the
 * database, asks these, and writes through the one create and update rules of lib/contacts.
 */

/** Who holds each of a record's identifiers (null: nobody). */
export interface MatchInput {
  kind: "lead" | "contact";
  strategy: MergeStrategy;
  external: { label: string; holder: Holder | null };
  phones: { value: string; holder: Holder | null }[];
  emails: { value: string; holder: Holder | null }[];
}

export type MatchPlan =
  | { action: "create" }
  | { action: "update"; target: Holder }
  /** Nothing is written: the record points at these contacts and an upsert never merges two of them. */
  | { action: "conflict"; holders: Holder[]; errors: Record<string, string[]> };

const named = (h: Holder) => `${h.name} (${h.contactKey})`;

function distinct(holders: (Holder | null)[]): Holder[] {
  const out: Holder[] = [];
  for (const h of holders) if (h && !out.some((o) => o.id === h.id)) out.push(h);
  return out;
}

/**
 * The contact a record is: the one holding its external ID; else the one the merge setting for its
 * kind finds (a holder of one of its phones; of one of its e-mails; of one of each; none). Any other
 * contact holding one of its phones or e-mails makes it a conflict, since writing the record would
 * either merge two contacts or give one identifier to two; so does a setting that finds two contacts.
 */
export function planMatch(input: MatchInput): MatchPlan {
  const phoneHolders = distinct(input.phones.map((p) => p.holder));
  const emailHolders = distinct(input.emails.map((e) => e.holder));
  const setting = `the merge setting for ${input.kind}s (${MERGE_STRATEGY_LABELS[input.strategy]})`;
  let target = input.external.holder;
  let by = `its external ID ${input.external.label}`;
  if (!target) {
    const found =
      input.strategy === "phone"
        ? phoneHolders
        : input.strategy === "email"
          ? emailHolders
          : input.strategy === "phone_and_email"
            ? phoneHolders.filter((p) => emailHolders.some((e) => e.id === p.id))
            : [];
    if (found.length > 1) {
      const message = `By ${setting} this record matches ${found.length} contacts: ${found.map(named).join(", ")}. An upsert never merges two contacts: merge them first, or correct the record.`;
      return { action: "conflict", holders: found, errors: { _form: [message] } };
    }
    target = found[0] ?? null;
    by = setting;
  }
  const errors: Record<string, string[]> = {};
  const others: Holder[] = [];
  const check = (field: "phones" | "emails", noun: string, list: MatchInput["phones"]) => {
    for (const { value, holder } of list) {
      if (!holder || holder.id === target?.id) continue;
      if (!others.some((o) => o.id === holder.id)) others.push(holder);
      const why = target
        ? `this record is ${named(target)} by ${by}. An upsert never merges two contacts: merge them first, or correct the record.`
        : `by ${setting} this record is not that contact, and a ${noun} belongs to one contact only.`;
      (errors[field] ??= []).push(`The ${noun} ${value} belongs to ${named(holder)}, but ${why}`);
    }
  };
  check("phones", "phone number", input.phones);
  check("emails", "email address", input.emails);
  if (others.length) return { action: "conflict", holders: target ? [target, ...others] : others, errors };
  return target ? { action: "update", target } : { action: "create" };
}

type Base = Pick<ContactSnapshot, "contact" | "phones" | "emails" | "externalIds" | "tags" | "attributes">;

/**
 * `before`'s identifiers with the new ones after them; undefined when none is new. The primary stays
 * (or is the first). Two values with one key are one identifier (a phone's other form of its line).
 */
function union(before: PreparedIdentifier[], incoming: PreparedIdentifier[] | undefined, key: (value: string) => string = (v) => v): PreparedIdentifier[] | undefined {
  const added = (incoming ?? []).filter((n) => !before.some((b) => key(b.value) === key(n.value)));
  if (added.length === 0) return undefined;
  const primary = before.some((b) => b.isPrimary);
  return [...before, ...added.map((a, i) => ({ ...a, isPrimary: !primary && i === 0 }))];
}

/**
 * What a record changes on the contact it matched, by CloudTalk's rule: phones, e-mails, external
 * IDs and tags are joined (the new ones added, none removed); every other value the record carries
 * replaces the stored one, but an empty or missing value never clears one. The result is a record
 * for `updateContactRecord` holding only what differs (its sets whole, as that rule replaces sets);
 * null when the contact already has it all, so a repeated record writes nothing.
 */
export function mergeIntoContact(before: Base, incoming: PreparedRecord): PreparedRecord | null {
  const out: PreparedRecord = { columns: {}, fieldIds: {} };
  let changed = false;
  for (const [column, value] of Object.entries(incoming.columns) as [keyof PreparedRecord["columns"], unknown][]) {
    if (value === null || value === undefined || value === "" || before.contact[column] === value) continue;
    (out.columns as Record<string, unknown>)[column] = value;
    out.fieldIds[column] = incoming.fieldIds[column];
    changed = true;
  }
  const phones = union(before.phones.map((p) => ({ value: p.e164, label: p.label, isPrimary: p.isPrimary })), incoming.phones, phoneMatchKey);
  const emails = union(before.emails.map((e) => ({ value: e.emailNormalized, label: e.label, isPrimary: e.isPrimary })), incoming.emails);
  const newExternal = (incoming.externalIds ?? []).filter((n) => !before.externalIds.some((b) => b.system === n.system && b.externalId === n.externalId));
  const had = new Set(before.tags.map((t) => t.name.toLowerCase()));
  const newTags = (incoming.tags ?? []).filter((name) => !had.has(name.toLowerCase()));
  const attributes = (incoming.attributes ?? []).filter(({ definition, value }) => {
    const stored = before.attributes[definition.key];
    return value !== null && !(stored && sameAttributeValue(stored.value, value));
  });
  if (phones) out.phones = phones;
  if (emails) out.emails = emails;
  if (newExternal.length) out.externalIds = [...before.externalIds.map(({ system, externalId }) => ({ system, externalId })), ...newExternal];
  if (newTags.length) out.tags = [...before.tags.map((t) => t.name), ...newTags];
  if (attributes.length) out.attributes = attributes;
  changed ||= Boolean(phones || emails || newExternal.length || newTags.length || attributes.length);
  return changed ? out : null;
}
