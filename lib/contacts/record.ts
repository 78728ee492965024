import { db } from "@/db";
import { attributeDefinitions, type AttributeDefinition, type Contact } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { parseAttributeValue, type StoredValue } from "@/lib/fields/attribute";
import { parseEmail } from "@/lib/fields/email";
import { parseExternalId, parseExternalSystem, parseIdentifierLabel } from "@/lib/fields/external-id";
import { presentValue } from "@/lib/fields/parsed";
import { missingValueMessage, parseSystemValue } from "@/lib/fields/system";
import { normalizePhone } from "@/lib/phone";
import { tagNameSchema } from "@/lib/tags/tags";
import { defaultCountry } from "@/lib/workspace";
import { columnOf, systemField } from "./fields";
import type { RecordIdentifiers } from "./identifier-conflicts";
import { parseAgent, type EditableFieldId } from "./update";

/**
 * A whole contact record as a door other than the profile sends it (the API, a batch item): any of
 * the editable system fields, the Contact ID and source (on create), and the sets of identifiers,
 * tags and custom attribute values. `prepareContactRecord` checks every value through the value
 * module, so a record is refused with the same words as the profile, the form and the import.
 */
export type RecordFieldId = EditableFieldId | "contactKey" | "source";

export interface ContactRecordInput {
  /** Only the fields sent; null (or "") clears a field. The favorite agent is a user id. */
  fields?: Partial<Record<RecordFieldId, string | number | null>>;
  phones?: { phone: string; label?: string | null; isPrimary?: boolean }[];
  emails?: { email: string; label?: string | null; isPrimary?: boolean }[];
  externalIds?: { system: string; externalId: string }[];
  /** Tag names (matched case-insensitively). */
  tags?: string[];
  /** By attribute key; null (or "") removes the value. */
  attributes?: Record<string, string | number | boolean | null>;
}

export interface PreparedIdentifier {
  value: string;
  label: string | null;
  isPrimary: boolean;
}

type ColumnValues = Partial<Pick<Contact, Exclude<ReturnType<typeof columnOf>, "id">>>;

/** A record every value of which is valid and in its stored form. A set left out (undefined) is not touched. */
export interface PreparedRecord {
  /** Columns to set, by `contacts` key (the favorite agent as `favoriteAgentId`). */
  columns: ColumnValues;
  /** Field id by column, for the timeline's words. */
  fieldIds: Partial<Record<keyof Contact, RecordFieldId>>;
  contactKey?: string | null;
  /** E.164; exactly one primary when not empty. */
  phones?: PreparedIdentifier[];
  /** The one stored form (lib/fields/email.ts); exactly one primary when not empty. */
  emails?: PreparedIdentifier[];
  externalIds?: { system: string; externalId: string }[];
  tags?: string[];
  attributes?: { definition: AttributeDefinition; value: StoredValue | null }[];
}

/** What checking a record needs from the database, loaded once (a batch checks a thousand records with it). */
export interface RecordContext {
  defaultCountry: string;
  definitions: ReadonlyMap<string, AttributeDefinition>;
}

export async function loadRecordContext(): Promise<RecordContext> {
  const [country, definitions] = await Promise.all([defaultCountry(), db.select().from(attributeDefinitions)]);
  return { defaultCountry: country, definitions: new Map(definitions.map((d) => [d.key, d])) };
}

const ONE_PRIMARY = { phones: "Mark at most one phone number as primary.", emails: "Mark at most one email address as primary." };

/**
 * Checks a record through the value module, all messages at once, keyed by the record's path
 * ("firstName", "phones.1", "externalIds.0.system", "attributes.tier"). Phones without a + are
 * read in the record's own country when it has one (as an import row's), else the workspace's.
 */
export async function prepareContactRecord(input: ContactRecordInput, context: RecordContext): Promise<PreparedRecord> {
  const errors: Record<string, string[]> = {};
  const refuse = (path: string, message: string) => (errors[path] ??= []).push(message);
  const out: PreparedRecord = { columns: {}, fieldIds: {} };

  for (const [id, raw] of Object.entries(input.fields ?? {}) as [RecordFieldId, string | number | null | undefined][]) {
    if (raw === undefined) continue;
    const field = systemField(id)!;
    if (field.type === "user") {
      const agent = await parseAgent(db, raw);
      if (agent.ok) setColumn(out, id, agent.value);
      else refuse(id, agent.message);
      continue;
    }
    if (typeof raw === "number") {
      refuse(id, "Send this value as text.");
      continue;
    }
    const parsed = parseSystemValue(id, raw);
    if (!parsed.ok) refuse(id, parsed.message);
    else if (parsed.value === null && field.type === "enum") refuse(id, missingValueMessage(field));
    else if (id === "contactKey") out.contactKey = parsed.value;
    else setColumn(out, id, parsed.value);
  }

  const country = typeof out.columns.country === "string" ? out.columns.country : context.defaultCountry;
  if (input.phones) {
    out.phones = identifiers(input.phones.map((p) => ({ raw: p.phone, label: p.label, isPrimary: p.isPrimary })), "phones", refuse, (value) => {
      const phone = normalizePhone(value, country);
      return phone.ok ? { ok: true, value: phone.e164 } : phone;
    });
  }
  if (input.emails) {
    out.emails = identifiers(input.emails.map((e) => ({ raw: e.email, label: e.label, isPrimary: e.isPrimary })), "emails", refuse, parseEmail);
  }
  if (input.externalIds) {
    const seen = new Set<string>();
    out.externalIds = [];
    input.externalIds.forEach((x, i) => {
      const system = presentValue(x.system);
      const id = presentValue(x.externalId);
      const parsedSystem = system ? parseExternalSystem(system) : ({ ok: false, message: "Enter the system the ID comes from." } as const);
      const parsedId = id ? parseExternalId(id) : ({ ok: false, message: "Enter the ID." } as const);
      if (!parsedSystem.ok) refuse(`externalIds.${i}.system`, parsedSystem.message);
      if (!parsedId.ok) refuse(`externalIds.${i}.externalId`, parsedId.message);
      if (!parsedSystem.ok || !parsedId.ok) return;
      const key = `${parsedSystem.value}\u0000${parsedId.value}`;
      if (!seen.has(key)) out.externalIds!.push({ system: parsedSystem.value, externalId: parsedId.value });
      seen.add(key);
    });
  }
  if (input.tags) {
    const seen = new Set<string>();
    out.tags = [];
    input.tags.forEach((raw, i) => {
      const name = tagNameSchema.safeParse(raw);
      if (!name.success) return refuse(`tags.${i}`, name.error.issues[0]!.message);
      if (!seen.has(name.data.toLowerCase())) out.tags!.push(name.data);
      seen.add(name.data.toLowerCase());
    });
  }
  if (input.attributes) {
    out.attributes = [];
    for (const [key, raw] of Object.entries(input.attributes)) {
      const definition = context.definitions.get(key);
      if (!definition) {
        refuse(`attributes.${key}`, `There is no custom attribute “${key}”.`);
        continue;
      }
      const parsed = parseAttributeValue(definition, raw);
      if (parsed.ok) out.attributes.push({ definition, value: parsed.value });
      else refuse(`attributes.${key}`, parsed.message);
    }
  }
  if (Object.keys(errors).length) throw new ValidationError("Please correct the fields named in details.", errors);
  return out;
}

/** The identifiers a record carries, for the conflict check. */
export function recordIdentifiers(record: PreparedRecord): RecordIdentifiers {
  return { phones: record.phones?.map((p) => p.value) ?? [], emails: record.emails?.map((e) => e.value) ?? [], externalIds: record.externalIds ?? [] };
}

function setColumn(out: PreparedRecord, id: RecordFieldId, value: string | number | null) {
  const column = columnOf(id);
  (out.columns as Record<string, unknown>)[column] = value;
  out.fieldIds[column] = id;
}

/**
 * Phones or e-mails: each checked, duplicates (after normalising) dropped, one primary: the one
 * marked, else the first.
 */
function identifiers(
  list: { raw: string; label?: string | null; isPrimary?: boolean }[],
  path: "phones" | "emails",
  refuse: (path: string, message: string) => void,
  parse: (value: string) => { ok: true; value: string } | { ok: false; message: string },
): PreparedIdentifier[] {
  const out: PreparedIdentifier[] = [];
  list.forEach((item, i) => {
    const value = presentValue(item.raw);
    const parsed = value ? parse(value) : ({ ok: false, message: path === "phones" ? "Enter a phone number." : "Enter an email address." } as const);
    if (!parsed.ok) return refuse(`${path}.${i}`, parsed.message);
    const rawLabel = presentValue(item.label);
    const label = rawLabel ? parseIdentifierLabel(rawLabel) : ({ ok: true, value: null } as const);
    if (!label.ok) return refuse(`${path}.${i}.label`, label.message);
    const same = out.find((o) => o.value === parsed.value);
    if (same) same.isPrimary ||= item.isPrimary === true;
    else out.push({ value: parsed.value, label: label.value, isPrimary: item.isPrimary === true });
  });
  const primaries = out.filter((o) => o.isPrimary).length;
  if (primaries > 1) refuse(path, ONE_PRIMARY[path]);
  else if (primaries === 0 && out[0]) out[0].isPrimary = true;
  return out;
}
