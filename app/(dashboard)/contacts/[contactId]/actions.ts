"use server";

import { contactActions as a } from "@/lib/contacts/actions";
import { serverAction } from "@/lib/safe-action";

// The profile's forms: doors over lib/contacts/actions.ts. A change re-renders the profile so that
// every form holds the new version.

const refresh = { refresh: true } as const;

export const updateAttributesAction = serverAction(a.updateAttributes, refresh);
export const addPhoneAction = serverAction(a.addPhone, refresh);
export const addEmailAction = serverAction(a.addEmail, refresh);
export const removeIdentifierAction = serverAction(a.removeIdentifier, refresh);
export const makePrimaryAction = serverAction(a.makePrimary, refresh);
export const addLinkAction = serverAction(a.addLink, refresh);
export const removeLinkAction = serverAction(a.removeLink, refresh);
export const addTagAction = serverAction(a.addTag, refresh);
export const removeTagAction = serverAction(a.removeTag, refresh);
export const addNoteAction = serverAction(a.addNote, refresh);
export const setBlockedAction = serverAction(a.setBlocked, refresh);
export const setArchivedAction = serverAction(a.setArchived, refresh);
// The profile has gone to Trash: back to the list.
export const deleteContactAction = serverAction(a.delete, { redirect: () => "/contacts" });
export const restoreContactAction = serverAction(a.restore, refresh);
// Gone for good: back to what is left in Trash.
export const deleteForeverAction = serverAction(a.deleteForever, { redirect: () => "/contacts?segment=trash" });
