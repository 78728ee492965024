import { eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db";
import { contactEmails, contactPhones, contacts, users } from "@/db/schema";
import { ConflictError, isUniqueViolation, ValidationError } from "@/lib/errors";
import { contactDisplayName } from "./display";

export type IdentifierKind = "phone" | "email";

/** What the UI needs to link the contact that holds an identifier and offer a merge. */
export interface IdentifierConflictDetails {
  reason: "identifier";
  kind: IdentifierKind;
  field: string;
  contactId: number;
  name: string;
}

const NOUN: Record<IdentifierKind, string> = { phone: "phone number", email: "email address" };

export async function contactHolding(
  ex: Executor,
  kind: IdentifierKind,
  value: string,
): Promise<{ id: number; name: string } | null> {
  const [row] =
    kind === "phone"
      ? await ex
          .select({ id: contacts.id, fullName: contacts.fullName, company: contacts.company, contactKey: contacts.contactKey })
          .from(contactPhones)
          .innerJoin(contacts, eq(contacts.id, contactPhones.contactId))
          .where(eq(contactPhones.e164, value))
      : await ex
          .select({ id: contacts.id, fullName: contacts.fullName, company: contacts.company, contactKey: contacts.contactKey })
          .from(contactEmails)
          .innerJoin(contacts, eq(contacts.id, contactEmails.contactId))
          .where(eq(contactEmails.emailNormalized, value));
  return row ? { id: row.id, name: contactDisplayName(row) } : null;
}

async function userHolds(ex: Executor, kind: IdentifierKind, value: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: users.id })
    .from(users)
    .where(kind === "phone" ? eq(users.phone, value) : eq(sql`lower(${users.email})`, value))
    .limit(1);
  return Boolean(row);
}

export function heldByContactError(kind: IdentifierKind, holder: { id: number; name: string }, field: string = kind) {
  const message = `This ${NOUN[kind]} belongs to ${holder.name}.`;
  const details: IdentifierConflictDetails = { reason: "identifier", kind, field, contactId: holder.id, name: holder.name };
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
