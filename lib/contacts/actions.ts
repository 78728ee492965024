import type { ActionDefinition } from "@/lib/safe-action";
import type { z } from "zod";
import { setAttributeValue, setAttributeValueInput } from "@/lib/attributes/values";
import { addContactTag, addContactTagInput, removeContactTag, removeContactTagInput } from "./contact-tags";
import { createContact, createContactInput } from "./create";
import { addEmail, addEmailInput, addPhone, addPhoneInput, identifierRefInput, makePrimary, removeIdentifier } from "./identifiers";
import { addLink, addLinkInput, removeLink, removeLinkInput } from "./links";
import { addNote, addNoteInput } from "./notes";
import { deleteContact, deleteContactInput, setArchived, setArchivedInput, setBlocked, setBlockedInput } from "./state";
import { updateContactField, updateFieldInput } from "./update";

/**
 * What each contact action requires and does: permission, input schema, domain call. The server
 * actions in app/ wrap these with `safeAction`; tests run them through `executeAction` with a real
 * session, so the permission check tested is the one the browser hits.
 */
const define = <S extends z.ZodType, T>(d: ActionDefinition<S, T>) => d;

export const contactActions = {
  create: define({ permission: "contacts.create", schema: createContactInput, run: (input, { actor }) => createContact(input, actor) }),
  updateField: define({
    permission: "contacts.edit",
    schema: updateFieldInput,
    run: async (input, { actor }) => {
      const { changed } = await updateContactField(input, actor);
      return { ok: true, message: changed ? "Saved." : "No change." };
    },
  }),
  addPhone: define({
    permission: "contacts.edit",
    schema: addPhoneInput,
    run: async (input, { actor }) => ({ ok: true, data: await addPhone(input, actor), message: "Phone number added." }),
  }),
  addEmail: define({
    permission: "contacts.edit",
    schema: addEmailInput,
    run: async (input, { actor }) => ({ ok: true, data: await addEmail(input, actor), message: "Email added." }),
  }),
  removeIdentifier: define({
    permission: "contacts.edit",
    schema: identifierRefInput,
    run: async (input, { actor }) => {
      await removeIdentifier(input, actor);
      return { ok: true, message: input.kind === "phone" ? "Phone number removed." : "Email removed." };
    },
  }),
  makePrimary: define({
    permission: "contacts.edit",
    schema: identifierRefInput,
    run: async (input, { actor }) => {
      await makePrimary(input, actor);
      return { ok: true, message: "Primary changed." };
    },
  }),
  addLink: define({
    permission: "contacts.edit",
    schema: addLinkInput,
    run: async (input, { actor }) => ({ ok: true, data: await addLink(input, actor), message: "Link added." }),
  }),
  removeLink: define({
    permission: "contacts.edit",
    schema: removeLinkInput,
    run: async (input, { actor }) => {
      await removeLink(input, actor);
      return { ok: true, message: "Link removed." };
    },
  }),
  addTag: define({
    permission: "contacts.edit",
    schema: addContactTagInput,
    run: async (input, { user, actor }) => {
      const out = await addContactTag(input, user, actor);
      return { ok: true, data: out, message: out.created ? `Tag “${input.name}” created and added.` : "Tag added." };
    },
  }),
  removeTag: define({
    permission: "contacts.edit",
    schema: removeContactTagInput,
    run: async (input, { actor }) => {
      await removeContactTag(input, actor);
      return { ok: true, message: "Tag removed." };
    },
  }),
  setAttribute: define({
    permission: "contacts.edit",
    schema: setAttributeValueInput,
    run: async (input, { actor }) => {
      await setAttributeValue(input, actor);
      return { ok: true, message: "Saved." };
    },
  }),
  addNote: define({
    permission: "contacts.note",
    schema: addNoteInput,
    run: async (input, { actor }) => ({ ok: true, data: await addNote(input, actor), message: "Note added." }),
  }),
  setBlocked: define({
    permission: "contacts.block",
    schema: setBlockedInput,
    run: async (input, { actor }) => {
      await setBlocked(input, actor);
      return { ok: true, message: input.blocked ? "Contact blocked." : "Contact unblocked." };
    },
  }),
  setArchived: define({
    permission: "contacts.edit",
    schema: setArchivedInput,
    run: async (input, { actor }) => {
      await setArchived(input, actor);
      return { ok: true, message: input.archived ? "Contact archived." : "Contact unarchived." };
    },
  }),
  delete: define({ permission: "contacts.delete", schema: deleteContactInput, run: (input, { actor }) => deleteContact(input, actor) }),
};
