import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { contactRedirects, contacts } from "@/db/schema";
import { LEAD_STAGES, SOURCE_CHANNELS } from "@/db/schema/enums";
import { recordAudit, type Actor } from "@/lib/audit";
import { afterContactWrite } from "@/lib/duplicates/incremental";
import { ConflictError, DomainError, isUniqueViolation, renameErrorFields, ValidationError } from "@/lib/errors";
import { presentValue } from "@/lib/fields/parsed";
import { addActivities } from "./activity";
import { generateContactKey } from "./contact-key";
import { contactDisplayName } from "./display";
import { explainRecordError, recordIdentifierProblem } from "./identifier-conflicts";
import { loadRecordContext, prepareContactRecord, recordIdentifiers, type PreparedRecord } from "./record";
import { EMPTY_CONTACT, writeRecordSets, type RecordWriteOptions } from "./record-write";
import { loadContactSnapshot, type ContactSnapshot } from "./snapshot";

export const AT_LEAST_ONE_IDENTIFIER = "Enter an email, a phone number or a contact ID";

// Raw strings, capped only against abuse: the value module checks each (the same rules as every door).
const raw = z.string().max(20_000, "That is too long.").nullish();

export const createContactInput = z.object({
  firstName: raw,
  lastName: raw,
  company: raw,
  email: raw,
  phone: raw,
  contactKey: raw,
  leadStage: z.enum(LEAD_STAGES).optional(),
  source: z.enum(SOURCE_CHANNELS).optional(),
});
export type CreateContactInput = z.input<typeof createContactInput>;

export interface CreatedContact {
  id: number;
  contactKey: string;
  /** The record as created, read inside the transaction. */
  snapshot: ContactSnapshot;
}

/** The form names its one phone and e-mail "phone" and "email"; the record names its sets. */
const formField = (key: string) => (key.startsWith("phones") ? "phone" : key.startsWith("emails") ? "email" : key);

/**
 * Creates a contact from the "New contact" form: the form's few fields as a record, through the one
 * create rule (`createContactRecord`), with errors named after the form's fields.
 */
export async function createContact(input: z.input<typeof createContactInput>, actor: Actor): Promise<{ id: number; contactKey: string }> {
  const form = createContactInput.parse(input);
  const phone = presentValue(form.phone);
  const email = presentValue(form.email);
  try {
    const record = await prepareContactRecord(
      {
        fields: { firstName: form.firstName, lastName: form.lastName, company: form.company, contactKey: form.contactKey, leadStage: form.leadStage, source: form.source },
        phones: phone ? [{ phone }] : [],
        emails: email ? [{ email }] : [],
      },
      await loadRecordContext(),
    );
    const { id, contactKey } = await createContactRecord(record, actor, { createTags: false });
    return { id, contactKey };
  } catch (error) {
    if (error instanceof ValidationError && error.fieldErrors) throw renameErrorFields(error, formField, { message: "Please correct the highlighted fields." });
    if (error instanceof DomainError) throw renameErrorFields(error, formField);
    throw error;
  }
}

/**
 * The one create rule, for every door that creates a contact one at a time (the form, the API, a
 * batch item, an inbound message, an integration's upsert): at least one identifier (phone, e-mail, external ID or Contact ID); a Contact ID generated when none
 * is given, and never one another contact holds or held before a merge; lead stage Contact and source
 * Manual unless the record says otherwise. Never merges: an identifier another contact or a user
 * holds is a conflict naming the holder. One transaction, audited once, with a "created" event
 * (a savepoint when `on` is a caller's transaction).
 */
export async function createContactRecord(record: PreparedRecord, actor: Actor, options: RecordWriteOptions, on: Executor = db): Promise<CreatedContact> {
  if (!record.phones?.length && !record.emails?.length && !record.externalIds?.length && !record.contactKey) throw new ValidationError(AT_LEAST_ONE_IDENTIFIER);
  const identifiers = recordIdentifiers(record);
  for (let attempt = 0; ; attempt++) {
    const contactKey = record.contactKey ?? generateContactKey();
    try {
      const created = await on.transaction(async (tx) => {
        const problem = await recordIdentifierProblem(tx, identifiers, null);
        if (problem) throw problem;
        if (record.contactKey) await refuseMergedKey(tx, record.contactKey);
        const [contact] = await tx
          .insert(contacts)
          .values({ leadStage: "contact", source: "manual", ...record.columns, contactKey })
          .returning({ id: contacts.id });
        const id = contact!.id;
        await writeRecordSets(tx, id, EMPTY_CONTACT, record, actor, options);
        await addActivities(tx, id, actor, [{ type: "created", summary: "Contact created" }]);
        const snapshot = (await loadContactSnapshot(tx, id))!;
        await recordAudit(tx, actor, { action: "contact.create", entityType: "contact", entityId: id, before: null, after: snapshot });
        return { id, contactKey, snapshot };
      });
      if (!("rollback" in on)) await afterContactWrite(created.id, null, created.snapshot);
      return created;
    } catch (error) {
      if (isUniqueViolation(error, "contacts_contact_key_key")) {
        // A generated key colliding is a one-in-a-trillion event: draw again.
        if (!record.contactKey && attempt < 3) continue;
        throw await contactKeyTaken(contactKey);
      }
      throw await explainRecordError(error, identifiers, null);
    }
  }
}

function keyConflict(message: string, holder: { id: number; contactKey: string; name: string } | undefined) {
  return new ConflictError(
    message,
    holder ? { reason: "contactKey", field: "contactKey", contactId: holder.id, contactKey: holder.contactKey, name: holder.name } : undefined,
    { contactKey: [message] },
  );
}

async function contactKeyTaken(key: string): Promise<ConflictError> {
  const [holder] = await db
    .select({ id: contacts.id, fullName: contacts.fullName, company: contacts.company, contactKey: contacts.contactKey })
    .from(contacts)
    .where(eq(contacts.contactKey, key));
  if (!holder) return keyConflict(`The contact ID ${key} is already used.`, undefined);
  const name = contactDisplayName(holder);
  return keyConflict(`The contact ID ${key} is already used by ${name}.`, { ...holder, name });
}

/** A merged-away Contact ID still leads to its primary (old links, the API's 308): a new contact may not take it. */
async function refuseMergedKey(tx: Executor, key: string): Promise<void> {
  const [primary] = await tx
    .select({ id: contacts.id, fullName: contacts.fullName, company: contacts.company, contactKey: contacts.contactKey })
    .from(contactRedirects)
    .innerJoin(contacts, eq(contacts.id, contactRedirects.contactId))
    .where(eq(contactRedirects.oldContactKey, key))
    .limit(1);
  if (!primary) return;
  const name = contactDisplayName(primary);
  throw keyConflict(`The contact ID ${key} was merged into ${name}; it still leads there.`, { ...primary, name });
}
