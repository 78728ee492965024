import { z } from "zod";
import { setAttributeValue, setAttributeValueInput } from "@/lib/attributes/values";
import { addToContact, addToContactInput } from "./add-to-contact";
import { addContactTag, addContactTagInput, removeContactTag, removeContactTagInput } from "./contact-tags";
import { createContact, createContactInput } from "./create";
import { addEmail, addEmailInput, addPhone, addPhoneInput, identifierRefInput, makePrimary, removeIdentifier } from "./identifiers";
import { addLink, addLinkInput, removeLink, removeLinkInput } from "./links";
import { addNote, addNoteInput } from "./notes";
import { deleteContact, deleteContactInput, setArchived, setArchivedInput, setBlocked, setBlockedInput } from "./state";
import { deleteContactForever, restoreContact, trashedContactInput } from "./trash";
import { columnsSchema, resetColumnPreference, saveColumnPreference } from "./table-preferences";
import { updateContactField, updateFieldInput } from "./update";
import { updateAttributesInput, updateContactAttributes } from "./update-attributes";
import { defineAction } from "@/lib/safe-action";

/**
 * What each contact action requires and does: permission, input schema, domain call. The 'use server'
 * files in app/ expose these with `serverAction`; tests run them through `executeAction` (`actAs`)
 * with a real session, so the permission check tested is the one the browser hits.
 */

export const contactActions = {
  create: defineAction({ permission: "contacts.create", schema: createContactInput, run: (input, { actor }) => createContact(input, actor) }),
  // "Add to <holder> instead" on the New contact form: a merge of the typed values into the holder,
  // so for the roles that may merge (as the merge drawer is).
  addToContact: defineAction({
    permission: "contacts.merge",
    schema: addToContactInput,
    run: async (input, { actor }) => {
      const out = await addToContact(input, actor);
      return { ok: true, data: out, message: out.added ? `Added to ${out.name}.` : `${out.name} has these values already.` };
    },
  }),
  updateField: defineAction({
    permission: "contacts.edit",
    schema: updateFieldInput,
    run: async (input, { actor }) => {
      const { changed } = await updateContactField(input, actor);
      return { ok: true, message: changed ? "Saved." : "No change." };
    },
  }),
  // The profile's Attributes card: every changed field and custom attribute in one save.
  updateAttributes: defineAction({
    permission: "contacts.edit",
    schema: updateAttributesInput,
    run: async (input, { actor }) => {
      const { changed } = await updateContactAttributes(input, actor);
      return { ok: true, message: changed ? "Saved." : "No change." };
    },
  }),
  addPhone: defineAction({
    permission: "contacts.edit",
    schema: addPhoneInput,
    run: async (input, { actor }) => ({ ok: true, data: await addPhone(input, actor), message: "Phone number added." }),
  }),
  addEmail: defineAction({
    permission: "contacts.edit",
    schema: addEmailInput,
    run: async (input, { actor }) => ({ ok: true, data: await addEmail(input, actor), message: "Email added." }),
  }),
  removeIdentifier: defineAction({
    permission: "contacts.edit",
    schema: identifierRefInput,
    run: async (input, { actor }) => {
      await removeIdentifier(input, actor);
      return { ok: true, message: input.kind === "phone" ? "Phone number removed." : "Email removed." };
    },
  }),
  makePrimary: defineAction({
    permission: "contacts.edit",
    schema: identifierRefInput,
    run: async (input, { actor }) => {
      await makePrimary(input, actor);
      return { ok: true, message: "Primary changed." };
    },
  }),
  addLink: defineAction({
    permission: "contacts.edit",
    schema: addLinkInput,
    run: async (input, { actor }) => ({ ok: true, data: await addLink(input, actor), message: "Link added." }),
  }),
  removeLink: defineAction({
    permission: "contacts.edit",
    schema: removeLinkInput,
    run: async (input, { actor }) => {
      await removeLink(input, actor);
      return { ok: true, message: "Link removed." };
    },
  }),
  addTag: defineAction({
    permission: "contacts.edit",
    schema: addContactTagInput,
    run: async (input, { user, actor }) => {
      const out = await addContactTag(input, user, actor);
      return { ok: true, data: out, message: out.created ? `Tag “${input.name}” created and added.` : "Tag added." };
    },
  }),
  removeTag: defineAction({
    permission: "contacts.edit",
    schema: removeContactTagInput,
    run: async (input, { actor }) => {
      await removeContactTag(input, actor);
      return { ok: true, message: "Tag removed." };
    },
  }),
  setAttribute: defineAction({
    permission: "contacts.edit",
    schema: setAttributeValueInput,
    run: async (input, { actor }) => {
      await setAttributeValue(input, actor);
      return { ok: true, message: "Saved." };
    },
  }),
  addNote: defineAction({
    permission: "contacts.note",
    schema: addNoteInput,
    run: async (input, { actor }) => ({ ok: true, data: await addNote(input, actor), message: "Note added." }),
  }),
  setBlocked: defineAction({
    permission: "contacts.block",
    schema: setBlockedInput,
    run: async (input, { actor }) => {
      await setBlocked(input, actor);
      return { ok: true, message: input.blocked ? "Contact blocked." : "Contact unblocked." };
    },
  }),
  setArchived: defineAction({
    permission: "contacts.edit",
    schema: setArchivedInput,
    run: async (input, { actor }) => {
      await setArchived(input, actor);
      return { ok: true, message: input.archived ? "Contact archived." : "Contact unarchived." };
    },
  }),
  // Delete moves the contact to Trash; Restore and Delete forever are the admins' (SPEC §9).
  delete: defineAction({
    permission: "contacts.delete",
    schema: deleteContactInput,
    run: async (input, { actor }) => {
      const { name } = await deleteContact(input, actor);
      return { ok: true, data: { name }, message: `${name} moved to Trash.` };
    },
  }),
  restore: defineAction({
    permission: "contacts.trash",
    schema: trashedContactInput,
    run: async (input, { actor }) => {
      const { name } = await restoreContact(input, actor);
      return { ok: true, data: { name }, message: `${name} restored.` };
    },
  }),
  deleteForever: defineAction({
    permission: "contacts.trash",
    schema: trashedContactInput,
    run: async (input, { actor }) => {
      const { name } = await deleteContactForever(input, actor);
      return { ok: true, data: { name }, message: `${name} deleted forever.` };
    },
  }),
  // The list's "Customize table": each user's own columns.
  saveColumns: defineAction({
    permission: "preferences.edit",
    schema: columnsSchema,
    run: ({ columns }, { user, actor }) => saveColumnPreference(user.id, columns, actor),
  }),
  resetColumns: defineAction({
    permission: "preferences.edit",
    schema: z.object({}),
    run: (_input, { user, actor }) => resetColumnPreference(user.id, actor),
  }),
};
