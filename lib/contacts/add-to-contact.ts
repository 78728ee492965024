import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { contacts } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { afterContactWrite } from "@/lib/duplicates/incremental";
import { DomainError, NotFoundError, renameErrorFields } from "@/lib/errors";
import { parseEmail } from "@/lib/fields/email";
import { presentValue } from "@/lib/fields/parsed";
import { idSchema } from "@/lib/forms";
import { normalizePhone } from "@/lib/phone";
import { defaultCountry } from "@/lib/workspace";
import { contactDisplayName } from "./display";
import { addEmail, addPhone } from "./identifiers";
import { loadContactSnapshot } from "./snapshot";
import { TRASHED_MESSAGE } from "./trashed";
import { GONE_MESSAGE } from "./write";
import { updateContactField, type EditableFieldId } from "./update";

const raw = z.string().max(20_000, "That is too long.").nullish();

/** The New contact form's values, to add to the contact that already holds one of them. */
export const addToContactInput = z.object({
  contactId: idSchema,
  firstName: raw,
  lastName: raw,
  company: raw,
  email: raw,
  phone: raw,
});

/** The form's name fields that fill the holder's, only where the holder has none. */
const FILLED = ["firstName", "lastName", "company"] as const satisfies readonly EditableFieldId[];

/**
 * "Add to <holder> instead" on the New contact form: the typed e-mail and phone join the contact that
 * holds one of them (the ones it has already are skipped), and the typed names and company fill its
 * empty fields — never overwrite them. Each change goes through the profile's own edits (`addEmail`,
 * `addPhone`, `updateContactField`), all in one transaction: a value refused refuses the whole.
 */
export async function addToContact(input: z.output<typeof addToContactInput>, actor: Actor): Promise<{ id: number; name: string; added: number }> {
  const email = presentValue(input.email);
  const phone = presentValue(input.phone);
  const country = phone ? await defaultCountry() : null;
  const { before, after, added } = await db.transaction(async (tx) => {
    const [locked] = await tx.select({ trashedAt: contacts.trashedAt }).from(contacts).where(eq(contacts.id, input.contactId)).for("update");
    if (!locked) throw new NotFoundError(GONE_MESSAGE);
    if (locked.trashedAt) throw new NotFoundError(TRASHED_MESSAGE);
    const before = (await loadContactSnapshot(tx, input.contactId))!;
    const version = async () => (await tx.select({ version: contacts.version }).from(contacts).where(eq(contacts.id, input.contactId)))[0]!.version;
    let added = 0;
    // Skip the values the holder has already; an unreadable one is left to addEmail/addPhone to refuse.
    const parsedEmail = email ? parseEmail(email) : null;
    if (email && !(parsedEmail?.ok && before.emails.some((e) => e.emailNormalized === parsedEmail.value))) {
      await addEmail({ contactId: input.contactId, version: await version(), email }, actor, tx);
      added++;
    }
    const parsedPhone = phone ? normalizePhone(phone, country!) : null;
    if (phone && !(parsedPhone?.ok && before.phones.some((p) => p.e164 === parsedPhone.e164))) {
      await addPhone({ contactId: input.contactId, version: await version(), phone }, actor, tx);
      added++;
    }
    for (const field of FILLED) {
      const value = presentValue(input[field]);
      if (!value || before.contact[field] !== null) continue;
      // The profile's field edit names its error "value"; here it is the form's field.
      const { changed } = await updateContactField({ contactId: input.contactId, version: await version(), field, value }, actor, tx).catch((error: unknown) => {
        throw error instanceof DomainError ? renameErrorFields(error, () => field) : error;
      });
      if (changed) added++;
    }
    return { before, after: (await loadContactSnapshot(tx, input.contactId))!, added };
  });
  // writeContact leaves this to the caller of a transaction it joins.
  await afterContactWrite(input.contactId, before, after);
  return { id: input.contactId, name: contactDisplayName(after.contact), added };
}
