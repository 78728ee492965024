import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { attributeDefinitions, contactAttributeValues } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema, versionSchema } from "@/lib/forms";
import type { ActivityInput } from "@/lib/contacts/activity";
import type { ContactSnapshot } from "@/lib/contacts/snapshot";
import { writeContact, type Tx } from "@/lib/contacts/write";
import { displayAttributeValue, parseAttributeValue } from "@/lib/fields/attribute";

export const setAttributeValueInput = z.object({
  contactId: idSchema,
  version: versionSchema,
  attributeId: idSchema,
  value: z.union([z.string().max(2000, "That is too long."), z.boolean()]).nullish(),
});

/**
 * One custom attribute's change inside a contact's write: stores (or, with an empty value, removes)
 * it, validated by its type, and gives its timeline event, or null when nothing changed. Refused with
 * a ValidationError on "value".
 */
export async function attributeChange(
  tx: Tx,
  before: ContactSnapshot,
  attributeId: number,
  raw: string | boolean | null | undefined,
): Promise<ActivityInput | null> {
  const contactId = before.contact.id;
  const [def] = await tx.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, attributeId));
  if (!def) throw new NotFoundError("That custom attribute no longer exists. Reload the page.");
  const parsed = parseAttributeValue(def, raw);
  if (!parsed.ok) throw new ValidationError(parsed.message, { value: [parsed.message] });
  const had = before.attributes[def.key];
  const where = and(eq(contactAttributeValues.contactId, contactId), eq(contactAttributeValues.attributeId, def.id));
  if (!parsed.value) {
    if (!had) return null;
    await tx.delete(contactAttributeValues).where(where);
    return { type: "edited", summary: `${def.label} cleared`, payload: { attribute: def.key, from: had.value } };
  }
  const shown = displayAttributeValue(parsed.value);
  await tx
    .insert(contactAttributeValues)
    .values({ contactId, attributeId: def.id, ...parsed.value })
    .onConflictDoUpdate({ target: [contactAttributeValues.contactId, contactAttributeValues.attributeId], set: parsed.value });
  return { type: "edited", summary: `${def.label} set to “${shown}”`, payload: { attribute: def.key, from: had?.value ?? null, to: shown } };
}

/** Sets (or, with an empty value, removes) one custom attribute of a contact, validated by its type. */
export async function setAttributeValue(input: z.output<typeof setAttributeValueInput>, actor: Actor): Promise<void> {
  await writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: "contact.attribute.set",
    run: async (tx, before) => {
      const activity = await attributeChange(tx, before, input.attributeId, input.value);
      return activity ? { activities: [activity], result: undefined } : { unchanged: true, result: undefined };
    },
  });
}
