import { and, eq, inArray, or, sql } from "drizzle-orm";
import { db, type Executor } from "@/db";
import { contactEmails, contactExternalIds, contactPhones, contacts, users } from "@/db/schema";
import { ConflictError, isUniqueViolation, ValidationError } from "@/lib/errors";
import { phoneMatchKey } from "@/lib/phone";
import { contactDisplayName } from "./display";

export type IdentifierKind = "phone" | "email";

/** The contact that holds an identifier. */
export interface Holder {
  id: number;
  contactKey: string;
  name: string;
  /** In Trash (SPEC §9): its identifiers stay reserved, and the way back is a Restore, not a second contact. */
  trashed?: boolean;
}

/** What the UI needs to link the contact that holds an identifier and offer a merge. */
export interface IdentifierConflictDetails {
  reason: "identifier";
  kind: IdentifierKind | "externalId";
  field: string;
  contactId: number;
  /** The holder's Contact ID, which the API names it by. */
  contactKey: string;
  name: string;
  /** The holder is in Trash: the UI offers Restore rather than Merge. */
  trashed?: boolean;
}

const holderColumns = { id: contacts.id, fullName: contacts.fullName, company: contacts.company, contactKey: contacts.contactKey, trashedAt: contacts.trashedAt };
const holderOf = (row: { id: number; fullName: string | null; company: string | null; contactKey: string; trashedAt: Date | null }): Holder => ({
  id: row.id,
  contactKey: row.contactKey,
  name: contactDisplayName(row),
  trashed: row.trashedAt !== null,
});

const NOUN: Record<IdentifierKind, string> = { phone: "phone number", email: "email address" };

export async function contactHolding(
  ex: Executor,
  kind: IdentifierKind,
  value: string,
): Promise<Holder | null> {
  const [row] =
    kind === "phone"
      ? await ex
          .select(holderColumns)
          .from(contactPhones)
          .innerJoin(contacts, eq(contacts.id, contactPhones.contactId))
          .where(eq(contactPhones.matchKey, phoneMatchKey(value)))
      : await ex
          .select(holderColumns)
          .from(contactEmails)
          .innerJoin(contacts, eq(contacts.id, contactEmails.contactId))
          .where(eq(contactEmails.emailNormalized, value));
  return row ? holderOf(row) : null;
}

/** Whether a Switchboard user holds the phone or e-mail (a user's identifiers are never a contact's). */
export async function userHolds(ex: Executor, kind: IdentifierKind, value: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: users.id })
    .from(users)
    .where(kind === "phone" ? eq(users.phone, value) : eq(sql`lower(${users.email})`, value))
    .limit(1);
  return Boolean(row);
}

export function heldByContactError(kind: IdentifierKind, holder: Holder, field: string = kind) {
  const message = holder.trashed ? `This ${NOUN[kind]} belongs to ${holder.name}, who is in Trash. Restore that contact instead.` : `This ${NOUN[kind]} belongs to ${holder.name}.`;
  const details: IdentifierConflictDetails = { reason: "identifier", kind, field, contactId: holder.id, contactKey: holder.contactKey, name: holder.name, ...(holder.trashed ? { trashed: true } : {}) };
  return new ConflictError(message, details, { [field]: [message] });
}

export function heldByUserError(kind: IdentifierKind, field: string = kind) {
  const message = `This ${NOUN[kind]} belongs to a Switchboard user, so it cannot also be a contact's.`;
  return new ConflictError(message, { reason: "user", kind, field }, { [field]: [message] });
}

/**
 * Checks, inside the write's transaction, that nobody else holds the identifier, for a precise
 * message. The unique indexes and the user trigger remain the real guard against races; their
 * errors are explained by `explainIdentifierError`.
 */
export async function identifierProblem(
  tx: Executor,
  kind: IdentifierKind,
  value: string,
  ownContactId: number | null,
  field: string = kind,
): Promise<ConflictError | ValidationError | null> {
  const holder = await contactHolding(tx, kind, value);
  if (holder && holder.id === ownContactId) {
    const message = `This contact already has this ${NOUN[kind]}.`;
    return new ValidationError(message, { [field]: [message] });
  }
  if (holder) return heldByContactError(kind, holder, field);
  if (await userHolds(tx, kind, value)) return heldByUserError(kind, field);
  return null;
}

/**
 * Turns a failed transaction's unique violation on a phone or e-mail into the same conflict message
 * the pre-check gives (the loser of two simultaneous saves gets here). Anything else is returned as is.
 */
export async function explainIdentifierError(
  error: unknown,
  values: { phone?: string | null; email?: string | null },
  fields: { phone?: string; email?: string } = {},
): Promise<unknown> {
  const kinds: [IdentifierKind, string | null | undefined, string][] = [
    ["phone", values.phone, fields.phone ?? "phone"],
    ["email", values.email, fields.email ?? "email"],
  ];
  const constraintOf: Record<IdentifierKind, string> = { phone: "contact_phones_e164_key", email: "contact_emails_normalized_key" };
  for (const [kind, value, field] of kinds) {
    if (!value || !isUniqueViolation(error, constraintOf[kind])) continue;
    const holder = await contactHolding(db, kind, value);
    if (holder) return heldByContactError(kind, holder, field);
    const message = `This ${NOUN[kind]} was being saved on another contact at the same moment. Try again.`;
    return new ConflictError(message, { reason: "race", kind, field }, { [field]: [message] });
  }
  if (isUniqueViolation(error, "identifier_held_by_user")) {
    for (const [kind, value, field] of kinds) {
      if (value && (await userHolds(db, kind, value))) return heldByUserError(kind, field);
    }
  }
  return error;
}

/** The identifiers of a whole record (lib/contacts/record.ts), in their stored forms. */
export interface RecordIdentifiers {
  phones: readonly string[];
  emails: readonly string[];
  externalIds: readonly { system: string; externalId: string }[];
}


/** Who holds a record's identifiers: the contact holding each value, and the values users hold. */
export interface IdentifierHolders {
  /** By the record's number: the contacts holding it or another form of its line (`phoneMatchKey`; two, when each holds one form). */
  phones: ReadonlyMap<string, readonly Holder[]>;
  emails: ReadonlyMap<string, Holder>;
  /** By `externalIdKey`. */
  externalIds: ReadonlyMap<string, Holder>;
  userPhones: ReadonlySet<string>;
  userEmails: ReadonlySet<string>;
}

export const externalIdKey = (x: { system: string; externalId: string }) => `${x.system}\u0000${x.externalId}`;

/** The holders of a whole record's identifiers: one query per kind of identifier, however many the record has. */
export async function identifierHolders(ex: Executor, ids: RecordIdentifiers): Promise<IdentifierHolders> {
  const [phones, emails, externals, staff] = await Promise.all([
    ids.phones.length
      ? ex.select({ key: contactPhones.matchKey, ...holderColumns }).from(contactPhones).innerJoin(contacts, eq(contacts.id, contactPhones.contactId))
          .where(inArray(contactPhones.matchKey, ids.phones.map(phoneMatchKey)))
      : [],
    ids.emails.length
      ? ex.select({ value: contactEmails.emailNormalized, ...holderColumns }).from(contactEmails).innerJoin(contacts, eq(contacts.id, contactEmails.contactId))
          .where(inArray(contactEmails.emailNormalized, [...ids.emails]))
      : [],
    ids.externalIds.length
      ? ex.select({ system: contactExternalIds.system, externalId: contactExternalIds.externalId, ...holderColumns }).from(contactExternalIds)
          .innerJoin(contacts, eq(contacts.id, contactExternalIds.contactId))
          .where(or(...ids.externalIds.map((x) => and(eq(contactExternalIds.system, x.system), eq(contactExternalIds.externalId, x.externalId)))))
      : [],
    ids.phones.length || ids.emails.length
      ? ex.select({ phone: users.phone, email: sql<string>`lower(${users.email})` }).from(users)
          .where(or(ids.phones.length ? inArray(users.phone, [...ids.phones]) : undefined, ids.emails.length ? inArray(sql`lower(${users.email})`, [...ids.emails]) : undefined))
      : [],
  ]);
  return {
    phones: new Map(
      ids.phones.flatMap((value) => {
        const found = phones.filter((row) => row.key === phoneMatchKey(value)).map(holderOf);
        const holders = found.filter((h, i) => found.findIndex((o) => o.id === h.id) === i);
        return holders.length ? [[value, holders] as const] : [];
      }),
    ),
    emails: new Map(emails.map((row) => [row.value, holderOf(row)])),
    externalIds: new Map(externals.map((row) => [externalIdKey(row), holderOf(row)])),
    userPhones: new Set(staff.flatMap((u) => (u.phone !== null && ids.phones.includes(u.phone) ? [u.phone] : []))),
    userEmails: new Set(staff.flatMap((u) => (ids.emails.includes(u.email) ? [u.email] : []))),
  };
}

/**
 * The set-wise form of `identifierProblem`, for a whole record. Identifiers the record's own contact
 * already holds are no conflict. Every conflict is named under its set ("phones", "emails",
 * "externalIds"); the error's details are the first one's. Null when nobody else holds any of them.
 */
export async function recordIdentifierProblem(ex: Executor, ids: RecordIdentifiers, ownContactId: number | null): Promise<ConflictError | null> {
  const held = await identifierHolders(ex, ids);
  const others = <K>(map: ReadonlyMap<K, Holder>) => [...map].filter(([, holder]) => holder.id !== ownContactId);
  const problems: ConflictError[] = [
    ...[...held.phones.values()].flatMap((holders) => holders.filter((h) => h.id !== ownContactId).map((h) => heldByContactError("phone", h, "phones"))),
    ...[...held.userPhones].map(() => heldByUserError("phone", "phones")),
    ...others(held.emails).map(([, holder]) => heldByContactError("email", holder, "emails")),
    ...[...held.userEmails].map(() => heldByUserError("email", "emails")),
    ...ids.externalIds.flatMap((x) => {
      const holder = held.externalIds.get(externalIdKey(x));
      return holder && holder.id !== ownContactId ? [heldExternalIdError(x, holder)] : [];
    }),
  ];
  if (problems.length === 0) return null;
  const fieldErrors: Record<string, string[]> = {};
  for (const p of problems) for (const [field, messages] of Object.entries(p.fieldErrors ?? {})) (fieldErrors[field] ??= []).push(...messages);
  return new ConflictError(problems[0]!.message, problems[0]!.details, fieldErrors);
}

function heldExternalIdError(x: { system: string; externalId: string }, holder: Holder, field = "externalIds") {
  const message = `The external ID ${x.externalId} (${x.system}) belongs to ${holder.name}${holder.trashed ? ", who is in Trash" : ""}.`;
  const details: IdentifierConflictDetails = { reason: "identifier", kind: "externalId", field, contactId: holder.id, contactKey: holder.contactKey, name: holder.name, ...(holder.trashed ? { trashed: true } : {}) };
  return new ConflictError(message, details, { [field]: [message] });
}

/** Unique violations that mean a record's identifier was taken by a concurrent write (the pre-check's loser gets here). */
export function isIdentifierViolation(error: unknown): boolean {
  return ["contact_phones_e164_key", "contact_emails_normalized_key", "contact_external_ids_key", "identifier_held_by_user"].some((c) => isUniqueViolation(error, c));
}

/** What the loser of a race for a record's identifier hears when the winner cannot be found (it was removed meanwhile). */
function identifierRaceConflict(): ConflictError {
  return new ConflictError("A phone number, email address or external ID of this contact was being saved on another contact at the same moment. Try again.", {
    reason: "race",
  });
}

/** After a failed write of a record: the conflict its identifiers now meet, or the error as it was. */
export async function explainRecordError(error: unknown, ids: RecordIdentifiers, ownContactId: number | null): Promise<unknown> {
  if (!isIdentifierViolation(error)) return error;
  return (await recordIdentifierProblem(db, ids, ownContactId)) ?? identifierRaceConflict();
}
