import type { ActionDefinition } from "@/lib/safe-action";
import { mergeContacts, mergeInputSchema, previewMerge, previewInputSchema, type MergePreview } from "./merge";

/**
 * The merge drawer's two actions, ready for `safeAction(...)` in a `'use server'` file. Call them with
 * an object (`{ primaryId, contactIds, overrides }`), not FormData: the ids are a list.
 */

export interface MergeActionData {
  contactId: number;
  mergedContactIds: number[];
}

export const mergeContactsAction = {
  permission: "contacts.merge",
  schema: mergeInputSchema,
  run: async (input, { actor }) => {
    const { contactId, mergedContactIds, contact } = await mergeContacts(input, actor);
    const name = contact.contact.fullName ?? contact.contact.contactKey;
    return { ok: true, data: { contactId, mergedContactIds }, message: `Merged ${input.contactIds.length} contacts into ${name}.` };
  },
} satisfies ActionDefinition<typeof mergeInputSchema, MergeActionData>;

export const previewMergeAction = {
  permission: "contacts.merge",
  schema: previewInputSchema,
  run: (input) => previewMerge(input.contactIds, input.primaryId, input.overrides),
} satisfies ActionDefinition<typeof previewInputSchema, MergePreview>;
