import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { contactEmails, contactPhones, contacts } from "@/db/schema";
import { LEAD_STAGES, SOURCE_CHANNELS } from "@/db/schema/enums";
import { recordAudit, type Actor } from "@/lib/audit";
import { emailSchema, normalizeEmail } from "@/lib/email";
import { ConflictError, DomainError, isUniqueViolation, ValidationError } from "@/lib/errors";
import { optionalText } from "@/lib/forms";
import { normalizePhone } from "@/lib/phone";
import { defaultCountry } from "@/lib/workspace";
import { addActivities } from "./activity";
import { contactKeySchema, generateContactKey } from "./contact-key";
import { explainIdentifierError, identifierProblem } from "./identifier-conflicts";
import { loadContactSnapshot } from "./snapshot";
import { contactDisplayName } from "./write";

export const AT_LEAST_ONE_IDENTIFIER = "Enter an email, a phone number or a contact ID";

export const createContactInput = z.object({
  firstName: optionalText(100),
  lastName: optionalText(100),
  company: optionalText(200),
  email: optionalText(254),
  phone: optionalText(40),
  contactKey: optionalText(64),
  leadStage: z.enum(LEAD_STAGES).optional(),
  source: z.enum(SOURCE_CHANNELS).optional(),
});
export type CreateContactInput = z.input<typeof createContactInput>;

interface Prepared {
  contactKey: string | null;
  email: { email: string; normalized: string } | null;
  e164: string | null;
}

/** Field by field validation, all messages at once. */
async function prepare(input: z.output<typeof createContactInput>): Promise<Prepared> {
  const errors: Record<string, string[]> = {};
  const out: Prepared = { contactKey: null, email: null, e164: null };
  if (!input.email && !input.phone && !input.contactKey) throw new ValidationError(AT_LEAST_ONE_IDENTIFIER);
  if (input.email) {
    const parsed = emailSchema.safeParse(input.email);
    if (parsed.success) out.email = { email: parsed.data, normalized: normalizeEmail(parsed.data) };
    else errors.email = parsed.error.issues.map((i) => i.message);
  }
  if (input.phone) {
    const parsed = normalizePhone(input.phone, await defaultCountry());
    if (parsed.ok) out.e164 = parsed.e164;
    else errors.phone = [parsed.message];
  }
  if (input.contactKey) {
    const parsed = contactKeySchema.safeParse(input.contactKey);
    if (parsed.success) out.contactKey = parsed.data;
    else errors.contactKey = parsed.error.issues.map((i) => i.message);
  }
  if (Object.keys(errors).length) throw new ValidationError("Please correct the highlighted fields.", errors);
  return out;
}

function combine(problems: DomainError[]): DomainError | null {
  if (problems.length <= 1) return problems[0] ?? null;
  const fieldErrors = Object.assign({}, ...problems.map((p) => p.fieldErrors ?? {}));
  return new ConflictError(problems[0]!.message, problems[0]!.details, fieldErrors);
}

async function contactKeyTaken(key: string): Promise<ConflictError> {
  const [holder] = await db
    .select({ id: contacts.id, fullName: contacts.fullName, company: contacts.company, contactKey: contacts.contactKey })
    .from(contacts)
    .where(eq(contacts.contactKey, key));
  const message = holder
    ? `The contact ID ${key} is already used by ${contactDisplayName(holder)}.`
    : `The contact ID ${key} is already used.`;
  return new ConflictError(
    message,
    holder ? { reason: "contactKey", field: "contactKey", contactId: holder.id, name: contactDisplayName(holder) } : undefined,
    { contactKey: [message] },
  );
}

/**
 * Creates a contact from the "New contact" form (and, later, the API). At least one identifier;
 * the phone read in the workspace's default country; a Contact ID generated when none is given.
 * Lead stage Contact and source Manual unless said otherwise.
 */
export async function createContact(
  raw: z.input<typeof createContactInput>,
  actor: Actor,
): Promise<{ id: number; contactKey: string }> {
  const input = createContactInput.parse(raw);
  const prepared = await prepare(input);
  for (let attempt = 0; ; attempt++) {
    const contactKey = prepared.contactKey ?? generateContactKey();
    try {
      return await db.transaction(async (tx) => {
        const problems = (
          await Promise.all([
            prepared.e164 ? identifierProblem(tx, "phone", prepared.e164, null) : null,
            prepared.email ? identifierProblem(tx, "email", prepared.email.normalized, null) : null,
          ])
        ).filter((p): p is NonNullable<typeof p> => p !== null);
        const problem = combine(problems);
        if (problem) throw problem;

        const [contact] = await tx
          .insert(contacts)
          .values({
            contactKey,
            firstName: input.firstName,
            lastName: input.lastName,
            company: input.company,
            leadStage: input.leadStage ?? "contact",
            source: input.source ?? "manual",
          })
          .returning({ id: contacts.id });
        const id = contact!.id;
        if (prepared.e164) await tx.insert(contactPhones).values({ contactId: id, e164: prepared.e164, isPrimary: true });
        if (prepared.email) {
          await tx.insert(contactEmails).values({
            contactId: id,
            email: prepared.email.email,
            emailNormalized: prepared.email.normalized,
            isPrimary: true,
          });
        }
        await addActivities(tx, id, actor, [{ type: "created", summary: "Contact created" }]);
        const after = await loadContactSnapshot(tx, id);
        await recordAudit(tx, actor, { action: "contact.create", entityType: "contact", entityId: id, before: null, after });
        return { id, contactKey };
      });
    } catch (error) {
      if (isUniqueViolation(error, "contacts_contact_key_key")) {
        // A generated key colliding is a one-in-a-trillion event: draw again.
        if (!prepared.contactKey && attempt < 3) continue;
        throw await contactKeyTaken(contactKey);
      }
      throw await explainIdentifierError(error, { phone: prepared.e164, email: prepared.email?.normalized });
    }
  }
}
