import type { Contact } from "@/db/schema";
import type { AttributeType } from "@/db/schema/enums";
import { ValidationError } from "@/lib/errors";
import { contactDisplayName } from "./display";
import { columnOf, SYSTEM_FIELDS, type FieldType } from "./fields";
import type { AttributeValue, ContactSnapshot } from "./snapshot";

/**
 * The merge rules of SPEC §5, as a pure function of the records involved: the preview shows exactly
 * what `mergeContacts` then writes, because both start from this plan.
 */

export const MAX_MERGE = 25;

export type FieldValue = string | number | boolean;

/** Single-valued field types; phones, e-mails, tags and names are unions or derived. */
const SINGLE_VALUED = new Set<FieldType>(["text", "country", "enum", "user", "boolean"]);

/** Registry ids whose column key differs from the id. */

/** Fields that keep the primary's value even when it is "empty": consent is never inherited. */
const PRIMARY_ONLY = new Set<string>(["subscription"]);

export interface MergeField {
  id: string;
  label: string;
  column: keyof Contact;
  /** Whether an empty value on the primary is filled from the secondaries. */
  fill: boolean;
}

/** The fields a merge resolves: every editable single-valued system field of the registry. */
export const MERGE_FIELDS: readonly MergeField[] = SYSTEM_FIELDS.filter(
  (f) => f.editable && SINGLE_VALUED.has(f.type),
).map((f) => ({ id: f.id, label: f.label, column: columnOf(f.id), fill: !PRIMARY_ONLY.has(f.id) }));

export const ATTRIBUTE_FIELD_PREFIX = "attribute:";

export interface Candidate {
  value: FieldValue;
  /** The contacts holding this value: the primary first, then the secondaries most recently updated first. */
  contactIds: number[];
}

export interface FieldResolution {
  /** A registry id ("company") or "attribute:<key>" for a custom attribute. */
  id: string;
  kind: "system" | "attribute";
  label: string;
  value: FieldValue | null;
  /** The contact whose value is kept; null when no contact has one. */
  sourceId: number | null;
  /** primary: the primary's own value; filled: from a secondary; chosen: an override; empty: nobody has one. */
  rule: "primary" | "filled" | "chosen" | "empty";
  /** Distinct non-empty values among the contacts, in rule order. */
  candidates: Candidate[];
  /** The contacts disagree: a UI offers a choice. */
  conflict: boolean;
}

export interface PlannedPhone {
  id: number;
  contactId: number;
  e164: string;
  label: string | null;
  isPrimary: boolean;
}
export interface PlannedEmail {
  id: number;
  contactId: number;
  email: string;
  emailNormalized: string;
  label: string | null;
  isPrimary: boolean;
}

export interface MergePlan {
  primaryId: number;
  /** The secondaries, most recently updated first: the order empty fields are filled in. */
  secondaryIds: number[];
  /** The primary, then the secondaries: the precedence of every rule. */
  order: number[];
  fields: FieldResolution[];
  /** Column values written on the primary (system fields only). */
  values: Partial<Record<keyof Contact, FieldValue | null>>;
  createdAt: Date;
  updatedAt: Date;
  lastInteractionAt: Date | null;
  anonymous: boolean;
  phones: PlannedPhone[];
  emails: PlannedEmail[];
  externalIds: { id: number; contactId: number; system: string; externalId: string }[];
  links: { id: number; contactId: number; label: string; url: string }[];
  tags: { id: number; name: string; color: string; contactId: number }[];
  attributes: Record<string, { attributeId: number; type: AttributeType; value: AttributeValue; contactId: number }>;
  noteCount: number;
  activityCount: number;
}

export interface PlanOptions {
  /** Field id (or "attribute:<key>") → the contact whose value to keep. */
  overrides?: Record<string, number>;
  /** The merge time (updated = merge time). */
  now?: Date;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

function valueKey(value: FieldValue): string {
  return `${typeof value}:${typeof value === "string" ? value.trim() : String(value)}`;
}

/** The default primary: the oldest contact (lowest id on a tie). */
export function defaultPrimaryId(snapshots: readonly ContactSnapshot[]): number | undefined {
  let best: Contact | undefined;
  for (const { contact } of snapshots) {
    if (!best || contact.createdAt < best.createdAt || (contact.createdAt.getTime() === best.createdAt.getTime() && contact.id < best.id)) {
      best = contact;
    }
  }
  return best?.id;
}

interface Holder {
  contactId: number;
  value: FieldValue | null;
}

/** Applies precedence (or an override) to one field's values, given in rule order. */
function resolve(
  base: { id: string; kind: "system" | "attribute"; label: string; fill: boolean },
  holders: Holder[],
  override: number | undefined,
  labels: Map<number, string>,
): FieldResolution {
  const candidates: Candidate[] = [];
  const byKey = new Map<string, Candidate>();
  for (const h of holders) {
    if (isEmpty(h.value)) continue;
    const key = valueKey(h.value!);
    const existing = byKey.get(key);
    if (existing) existing.contactIds.push(h.contactId);
    else {
      const candidate = { value: h.value!, contactIds: [h.contactId] };
      byKey.set(key, candidate);
      candidates.push(candidate);
    }
  }
  const common = { ...base, candidates, conflict: candidates.length > 1 };
  if (override !== undefined) {
    const chosen = holders.find((h) => h.contactId === override);
    if (!chosen) {
      throw new ValidationError(`The value chosen for ${base.label} comes from a contact that is not being merged.`, {
        [`overrides.${base.id}`]: ["Choose one of the contacts being merged."],
      });
    }
    if (isEmpty(chosen.value)) {
      throw new ValidationError(`${labels.get(override)} has no ${base.label} to keep.`, {
        [`overrides.${base.id}`]: ["That contact has no value for this field."],
      });
    }
    return { ...common, value: chosen.value, sourceId: override, rule: "chosen" };
  }
  const primary = holders[0]!;
  if (!isEmpty(primary.value) || !base.fill) {
    return { ...common, value: primary.value, sourceId: isEmpty(primary.value) ? null : primary.contactId, rule: "primary" };
  }
  const filler = holders.find((h) => !isEmpty(h.value));
  if (!filler) return { ...common, value: null, sourceId: null, rule: "empty" };
  return { ...common, value: filler.value, sourceId: filler.contactId, rule: "filled" };
}

/**
 * Exactly one primary identifier: the primary contact's (its flagged one, else its first), else the
 * flagged one of the first secondary in rule order that has one. `items` are in rule order.
 */
function withOnePrimary<T extends { id: number; contactId: number; isPrimary: boolean }>(items: T[], primaryId: number): T[] {
  const own = items.filter((i) => i.contactId === primaryId);
  const chosen = own.find((i) => i.isPrimary) ?? own[0] ?? items.find((i) => i.isPrimary) ?? items[0];
  return items.map((i) => ({ ...i, isPrimary: i === chosen }));
}

/**
 * Computes the merged contact. `snapshots` must hold every contact being merged (any order);
 * throws a ValidationError for an override that names an unknown field or contact.
 */
export function planMerge(snapshots: readonly ContactSnapshot[], primaryId: number, options: PlanOptions = {}): MergePlan {
  const primary = snapshots.find((s) => s.contact.id === primaryId);
  if (!primary) {
    throw new ValidationError("The primary contact must be one of the contacts being merged.", {
      primaryId: ["Choose one of the contacts being merged."],
    });
  }
  const secondaries = snapshots
    .filter((s) => s !== primary)
    .sort((a, b) => b.contact.updatedAt.getTime() - a.contact.updatedAt.getTime() || b.contact.id - a.contact.id);
  const ordered = [primary, ...secondaries];
  const labels = new Map(ordered.map((s) => [s.contact.id, contactDisplayName(s.contact)]));
  const overrides = options.overrides ?? {};

  const systemIds = new Set(MERGE_FIELDS.map((f) => f.id));
  const attributeKeys = new Set(ordered.flatMap((s) => Object.keys(s.attributes)));
  for (const id of Object.keys(overrides)) {
    const known = id.startsWith(ATTRIBUTE_FIELD_PREFIX) ? attributeKeys.has(id.slice(ATTRIBUTE_FIELD_PREFIX.length)) : systemIds.has(id);
    if (!known) {
      throw new ValidationError(`"${id}" is not a field a merge can choose.`, { [`overrides.${id}`]: ["Unknown field."] });
    }
  }

  const fields: FieldResolution[] = [];
  const values: MergePlan["values"] = {};
  for (const f of MERGE_FIELDS) {
    const holders = ordered.map((s) => ({ contactId: s.contact.id, value: s.contact[f.column] as FieldValue | null }));
    const r = resolve({ id: f.id, kind: "system", label: f.label, fill: f.fill }, holders, overrides[f.id], labels);
    fields.push(r);
    values[f.column] = r.value;
  }

  const attributes: MergePlan["attributes"] = {};
  for (const key of [...attributeKeys].sort()) {
    const id = `${ATTRIBUTE_FIELD_PREFIX}${key}`;
    const holders = ordered.map((s) => ({ contactId: s.contact.id, value: s.attributes[key]?.value ?? null }));
    const r = resolve({ id, kind: "attribute", label: key, fill: true }, holders, overrides[id], labels);
    fields.push(r);
    if (r.sourceId !== null) {
      const held = ordered.find((s) => s.contact.id === r.sourceId)!.attributes[key]!;
      attributes[key] = { attributeId: held.attributeId, type: held.type, value: held.value, contactId: r.sourceId };
    }
  }

  const links: MergePlan["links"] = [];
  const seenUrls = new Set<string>();
  const tags: MergePlan["tags"] = [];
  const seenTags = new Set<number>();
  for (const s of ordered) {
    for (const l of s.links) {
      if (seenUrls.has(l.url)) continue;
      seenUrls.add(l.url);
      links.push({ ...l, contactId: s.contact.id });
    }
    for (const t of s.tags) {
      if (seenTags.has(t.id)) continue;
      seenTags.add(t.id);
      tags.push({ ...t, contactId: s.contact.id });
    }
  }

  const all = ordered.map((s) => s.contact);
  const interactions = all.map((c) => c.lastInteractionAt).filter((d): d is Date => d !== null);
  return {
    primaryId,
    secondaryIds: secondaries.map((s) => s.contact.id),
    order: ordered.map((s) => s.contact.id),
    fields,
    values,
    createdAt: new Date(Math.min(...all.map((c) => c.createdAt.getTime()))),
    updatedAt: options.now ?? new Date(),
    lastInteractionAt: interactions.length ? new Date(Math.max(...interactions.map((d) => d.getTime()))) : null,
    // A visitor stays anonymous only while every merged record is; any known record makes the person known.
    anonymous: all.every((c) => c.anonymous),
    phones: withOnePrimary(ordered.flatMap((s) => s.phones.map((p) => ({ ...p, contactId: s.contact.id }))), primaryId),
    emails: withOnePrimary(ordered.flatMap((s) => s.emails.map((e) => ({ ...e, contactId: s.contact.id }))), primaryId),
    externalIds: ordered.flatMap((s) => s.externalIds.map((x) => ({ ...x, contactId: s.contact.id }))),
    links,
    tags,
    attributes,
    noteCount: ordered.reduce((n, s) => n + s.noteCount, 0),
    activityCount: ordered.reduce((n, s) => n + s.activityCount, 0),
  };
}
