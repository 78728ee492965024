"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { contactActions } from "@/lib/contacts/actions";
import { safeAction, type ActionResult } from "@/lib/safe-action";

// Thin doors over lib/contacts: each runs the action definition (session, role, zod, domain call)
// and, when something changed, re-renders the profile so every form holds the new version.

type Result = ActionResult<unknown>;
type Previous = Result | null;

function refreshed<T extends Result>(result: T): T {
  if (result.ok) refresh();
  return result;
}

export async function updateFieldAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.updateField)(form));
}
export async function addPhoneAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.addPhone)(form));
}
export async function addEmailAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.addEmail)(form));
}
export async function removeIdentifierAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.removeIdentifier)(form));
}
export async function makePrimaryAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.makePrimary)(form));
}
export async function addLinkAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.addLink)(form));
}
export async function removeLinkAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.removeLink)(form));
}
export async function addTagAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.addTag)(form));
}
export async function removeTagAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.removeTag)(form));
}
export async function setAttributeAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.setAttribute)(form));
}
export async function addNoteAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.addNote)(form));
}
export async function setBlockedAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.setBlocked)(form));
}
export async function setArchivedAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(contactActions.setArchived)(form));
}
export async function deleteContactAction(_previous: Previous, form: FormData) {
  const result = await safeAction(contactActions.delete)(form);
  if (result.ok) redirect("/contacts");
  return result;
}
