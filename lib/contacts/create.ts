import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { contactEmails, contactPhones, contacts } from "@/db/schema";
import { LEAD_STAGES, SOURCE_CHANNELS } from "@/db/schema/enums";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, DomainError, isUniqueViolation, ValidationError } from "@/lib/errors";
import { parseEmail } from "@/lib/fields/email";
import { presentValue } from "@/lib/fields/parsed";
import { parseSystemValue } from "@/lib/fields/system";
import { normalizePhone } from "@/lib/phone";
import { defaultCountry } from "@/lib/workspace";
import { addActivities } from "./activity";
import { generateContactKey } from "./contact-key";
import { explainIdentifierError, identifierProblem } from "./identifier-conflicts";
import { loadContactSnapshot } from "./snapshot";
import { contactDisplayName } from "./display";

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

interface Prepared {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  contactKey: string | null;
  /** Stored as the value module gives it, in both e-mail columns (see lib/fields/email.ts). */
  email: string | null;
  e164: string | null;
}

/** Field by field validation through the value module, all messages at once. */
async function prepare(input: z.output<typeof createContactInput>): Promise<Prepared> {
  const errors: Record<string, string[]> = {};
  const read = (field: "firstName" | "lastName" | "company" | "contactKey"): string | null => {
    const parsed = parseSystemValue(field, input[field]);
    if (parsed.ok) return parsed.value;
    errors[field] = [parsed.message];
    return null;
  };
  const out: Prepared = {
    firstName: read("firstName"),
    lastName: read("lastName"),
    company: read("company"),
    contactKey: read("contactKey"),
    email: null,
    e164: null,
  };
  const email = presentValue(input.email);
  const phone = presentValue(input.phone);
  if (!email && !phone && !presentValue(input.contactKey)) throw new ValidationError(AT_LEAST_ONE_IDENTIFIER);
  if (email) {
    const parsed = parseEmail(email);
    if (parsed.ok) out.email = parsed.value;
    else errors.email = [parsed.message];
  }
  if (phone) {
    const parsed = normalizePhone(phone, await defaultCountry());
    if (parsed.ok) out.e164 = parsed.e164;
    else errors.phone = [parsed.message];
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
            prepared.email ? identifierProblem(tx, "email", prepared.email, null) : null,
          ])
        ).filter((p): p is NonNullable<typeof p> => p !== null);
        const problem = combine(problems);
        if (problem) throw problem;

        const [contact] = await tx
          .insert(contacts)
          .values({
            contactKey,
            firstName: prepared.firstName,
            lastName: prepared.lastName,
            company: prepared.company,
            leadStage: input.leadStage ?? "contact",
            source: input.source ?? "manual",
          })
          .returning({ id: contacts.id });
        const id = contact!.id;
        if (prepared.e164) await tx.insert(contactPhones).values({ contactId: id, e164: prepared.e164, isPrimary: true });
        if (prepared.email) {
          await tx.insert(contactEmails).values({
            contactId: id,
            email: prepared.email,
            emailNormalized: prepared.email,
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
      throw await explainIdentifierError(error, { phone: prepared.e164, email: prepared.email });
    }
  }
}
