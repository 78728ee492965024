import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { attributeDefinitions, contactAttributeValues } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema, versionSchema } from "@/lib/forms";
import { writeContact } from "@/lib/contacts/write";
import { displayAttributeValue, parseAttributeValue } from "@/lib/fields/attribute";

export const setAttributeValueInput = z.object({
  contactId: idSchema,
  version: versionSchema,
  attributeId: idSchema,
  value: z.union([z.string().max(2000, "That is too long."), z.boolean()]).nullish(),
});

/** Sets (or, with an empty value, removes) one custom attribute of a contact, validated by its type. */
export async function setAttributeValue(input: z.output<typeof setAttributeValueInput>, actor: Actor): Promise<void> {
  await writeContact({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: "contact.attribute.set",
    run: async (tx, before) => {
      const [def] = await tx.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, input.attributeId));
      if (!def) throw new NotFoundError("That custom attribute no longer exists. Reload the page.");
      const parsed = parseAttributeValue(def, input.value);
      if (!parsed.ok) throw new ValidationError(parsed.message, { value: [parsed.message] });
      const had = before.attributes[def.key];
      const where = and(eq(contactAttributeValues.contactId, input.contactId), eq(contactAttributeValues.attributeId, def.id));
      if (!parsed.value) {
        if (!had) return { unchanged: true, result: undefined };
        await tx.delete(contactAttributeValues).where(where);
        return { activities: [{ type: "edited", summary: `${def.label} cleared`, payload: { attribute: def.key, from: had.value } }], result: undefined };
      }
      const shown = displayAttributeValue(parsed.value);
      await tx
        .insert(contactAttributeValues)
        .values({ contactId: input.contactId, attributeId: def.id, ...parsed.value })
        .onConflictDoUpdate({ target: [contactAttributeValues.contactId, contactAttributeValues.attributeId], set: parsed.value });
      return {
        activities: [
          { type: "edited", summary: `${def.label} set to “${shown}”`, payload: { attribute: def.key, from: had?.value ?? null, to: shown } },
        ],
        result: undefined,
      };
    },
  });
}
