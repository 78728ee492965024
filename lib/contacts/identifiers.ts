import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { contactEmails, contactPhones } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseEmail } from "@/lib/fields/email";
import { idSchema, versionSchema } from "@/lib/forms";
import { formatPhone, normalizePhone } from "@/lib/phone";
import { defaultCountry } from "@/lib/workspace";
import { explainIdentifierError, identifierProblem, type IdentifierKind } from "./identifier-conflicts";
import { writeContact, type Tx } from "./write";

const contactRef = { contactId: idSchema, version: versionSchema };

export const addPhoneInput = z.object({ ...contactRef, phone: z.string().trim().max(40, "That is too long for a phone number.") });
export const addEmailInput = z.object({ ...contactRef, email: z.string().trim().max(20_000, "That is too long.") });
export const identifierRefInput = z.object({ ...contactRef, kind: z.enum(["phone", "email"]), identifierId: idSchema });

/** Adds a phone number, read in the workspace's default country unless it starts with + or 00. */
export async function addPhone(input: z.output<typeof addPhoneInput>, actor: Actor, on: Executor = db): Promise<{ e164: string }> {
  if (!input.phone) throw new ValidationError("Enter a phone number.", { phone: ["Enter a phone number."] });
  const parsed = normalizePhone(input.phone, await defaultCountry());
  if (!parsed.ok) throw new ValidationError(parsed.message, { phone: [parsed.message] });
  const e164 = parsed.e164;
  try {
    return await writeContact({
      contactId: input.contactId,
      expectedVersion: input.version,
      actor,
      action: "contact.phone.add",
      run: async (tx, before) => {
        const problem = await identifierProblem(tx, "phone", e164, input.contactId);
        if (problem) throw problem;
        await tx.insert(contactPhones).values({ contactId: input.contactId, e164, isPrimary: before.phones.length === 0 });
        return { activities: [{ type: "edited", summary: `Phone ${formatPhone(e164)} added`, payload: { phone: e164 } }], result: { e164 } };
      },
    }, on);
  } catch (error) {
    throw await explainIdentifierError(error, { phone: e164 });
  }
}

/** Adds an e-mail address; compared case-insensitively with every contact's and user's. */
export async function addEmail(input: z.output<typeof addEmailInput>, actor: Actor, on: Executor = db): Promise<{ email: string }> {
  if (!input.email) throw new ValidationError("Enter an email address.", { email: ["Enter an email address."] });
  const parsed = parseEmail(input.email);
  if (!parsed.ok) throw new ValidationError(parsed.message, { email: [parsed.message] });
  // The value module's one stored form, in both columns (lib/fields/email.ts).
  const email = parsed.value;
  const normalized = email;
  try {
    return await writeContact({
      contactId: input.contactId,
      expectedVersion: input.version,
      actor,
      action: "contact.email.add",
      run: async (tx, before) => {
        const problem = await identifierProblem(tx, "email", normalized, input.contactId);
        if (problem) throw problem;
        await tx
          .insert(contactEmails)
          .values({ contactId: input.contactId, email, emailNormalized: normalized, isPrimary: before.emails.length === 0 });
        return { activities: [{ type: "edited", summary: `Email ${email} added`, payload: { email } }], result: { email } };
      },
    }, on);
  } catch (error) {
    throw await explainIdentifierError(error, { email: normalized });
  }
}

function tableOf(kind: IdentifierKind) {
  return kind === "phone" ? contactPhones : contactEmails;
}

function shown(kind: IdentifierKind, row: { e164?: string; email?: string }) {
  return kind === "phone" ? `Phone ${formatPhone(row.e164!)}` : `Email ${row.email}`;
}

async function findOwn(tx: Tx, kind: IdentifierKind, contactId: number, id: number) {
  const table = tableOf(kind);
  const [row] = await tx.select().from(table).where(and(eq(table.id, id), eq(table.contactId, contactId)));
  if (!row) throw new NotFoundError(`That ${kind === "phone" ? "phone number" : "email address"} is no longer on this contact.`);
  return row as { id: number; isPrimary: boolean; e164?: string; email?: string };
}

/** Removes a phone or e-mail; when it was the primary one, the oldest remaining becomes primary. */
export async function removeIdentifier(input: z.output<typeof identifierRefInput>, actor: Actor): Promise<void> {
  const table = tableOf(input.kind);
  await writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: `contact.${input.kind}.remove`,
    run: async (tx) => {
      const row = await findOwn(tx, input.kind, input.contactId, input.identifierId);
      await tx.delete(table).where(eq(table.id, row.id));
      if (row.isPrimary) {
        const [next] = await tx
          .select({ id: table.id })
          .from(table)
          .where(eq(table.contactId, input.contactId))
          .orderBy(asc(table.id))
          .limit(1);
        if (next) await tx.update(table).set({ isPrimary: true }).where(eq(table.id, next.id));
      }
      return { activities: [{ type: "edited", summary: `${shown(input.kind, row)} removed` }], result: undefined };
    },
  });
}

/** Makes one phone or e-mail the primary one (at most one per contact, enforced by an index). */
export async function makePrimary(input: z.output<typeof identifierRefInput>, actor: Actor): Promise<void> {
  const table = tableOf(input.kind);
  await writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: `contact.${input.kind}.primary`,
    run: async (tx) => {
      const row = await findOwn(tx, input.kind, input.contactId, input.identifierId);
      if (row.isPrimary) return { unchanged: true, result: undefined };
      // Clear first: the partial unique index allows only one primary at any moment.
      await tx.update(table).set({ isPrimary: false }).where(and(eq(table.contactId, input.contactId), eq(table.isPrimary, true)));
      await tx.update(table).set({ isPrimary: true }).where(eq(table.id, row.id));
      return { activities: [{ type: "edited", summary: `${shown(input.kind, row)} made primary` }], result: undefined };
    },
  });
}
