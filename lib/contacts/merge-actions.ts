import { defineAction } from "@/lib/safe-action";
import { contactDisplayName } from "./display";
import { mergeContacts, mergeInputSchema, previewMerge, previewInputSchema } from "./merge";

/**
 * The merge drawer's two actions. Call them with an object (`{ primaryId, contactIds, overrides }`),
 * not FormData: the ids are a list.
 */

export interface MergeActionData {
  contactId: number;
  mergedContactIds: number[];
}

export const mergeContactsAction = defineAction({
  permission: "contacts.merge",
  schema: mergeInputSchema,
  run: async (input, { actor }) => {
    const { contactId, mergedContactIds, contact } = await mergeContacts(input, actor);
    const name = contactDisplayName(contact.contact);
    const data: MergeActionData = { contactId, mergedContactIds };
    return { ok: true, data, message: `Merged ${input.contactIds.length} contacts into ${name}.` };
  },
});

export const previewMergeAction = defineAction({
  permission: "contacts.merge",
  schema: previewInputSchema,
  run: (input) => previewMerge(input.contactIds, input.primaryId, input.overrides),
});
