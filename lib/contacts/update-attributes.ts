import { z } from "zod";
import { attributeChange } from "@/lib/attributes/values";
import type { Actor } from "@/lib/audit";
import { ValidationError } from "@/lib/errors";
import { idSchema, versionSchema } from "@/lib/forms";
import type { ActivityInput } from "./activity";
import { EDITABLE_FIELDS, fieldChange, type EditableFieldId } from "./update";
import { writeContact, type ContactChange } from "./write";

const EDITABLE_IDS = EDITABLE_FIELDS.map((f) => f.id) as [EditableFieldId, ...EditableFieldId[]];

/**
 * The profile's Attributes card saved at once: the default fields and the custom attributes the
 * person changed (only those are sent), by field id and by attribute id. Capped only against abuse:
 * the value module holds each field's rules.
 */
export const updateAttributesInput = z.object({
  contactId: idSchema,
  version: versionSchema,
  fields: z.partialRecord(z.enum(EDITABLE_IDS, { error: "That field cannot be edited." }), z.string().max(20_000, "That is too long.").nullable()).default({}),
  attributes: z.record(z.string().regex(/^\d+$/, "Not an attribute id."), z.union([z.string().max(2000, "That is too long."), z.boolean()]).nullable()).default({}),
});

/** Where the card shows a field's error: "fields.<id>" or "attributes.<id>" (as zod names them). */
export const fieldErrorKey = (id: string) => `fields.${id}`;
export const attributeErrorKey = (id: number | string) => `attributes.${id}`;

/**
 * Saves every changed field of the Attributes card in one write (one transaction, one version bump,
 * one audit entry, a timeline event per change), through the same per-field rules as every door
 * (`fieldChange`, `attributeChange`). Any refused value refuses the whole, with every refusal named
 * beside its field. Refused when the contact changed since the card was loaded.
 */
export async function updateContactAttributes(input: z.output<typeof updateAttributesInput>, actor: Actor): Promise<{ changed: number }> {
  return writeContact<{ changed: number }>({
    contactId: input.contactId,
    expectedVersion: input.version,
    actor,
    action: "contact.update",
    run: async (tx, before) => {
      const patch: Record<string, unknown> = {};
      const activities: ActivityInput[] = [];
      const errors: Record<string, string[]> = {};
      // Each refusal is kept under its own field, so that the person sees them all at once.
      const collect = async (key: string, work: () => Promise<void>) => {
        try {
          await work();
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          errors[key] = error.fieldErrors?.value ?? [error.message];
        }
      };
      for (const [id, raw] of Object.entries(input.fields) as [EditableFieldId, string | null][]) {
        await collect(fieldErrorKey(id), async () => {
          const change = await fieldChange(tx, before, id, raw);
          if (change) {
            Object.assign(patch, change.patch);
            activities.push(change.activity);
          }
        });
      }
      for (const [id, raw] of Object.entries(input.attributes)) {
        await collect(attributeErrorKey(id), async () => {
          const activity = await attributeChange(tx, before, Number(id), raw);
          if (activity) activities.push(activity);
        });
      }
      // Thrown, so the transaction takes back the attribute values already written.
      if (Object.keys(errors).length > 0) throw new ValidationError("Please correct the highlighted fields.", errors);
      if (activities.length === 0) return { unchanged: true, result: { changed: 0 } };
      return { patch: patch as ContactChange<unknown>["patch"], activities, result: { changed: activities.length } };
    },
  });
}
