"use server";

import { refresh } from "next/cache";
import { safeAction, type ActionResult } from "@/lib/safe-action";
import { settingsActions } from "@/lib/settings/actions";

// Thin doors over lib/settings/actions.ts; the settings layout hides the pages from non-admins, and
// each definition checks the permission again, since an action can be called without the page.

type Previous = ActionResult<unknown> | null;

function refreshed<T extends ActionResult<unknown>>(result: T): T {
  if (result.ok) refresh();
  return result;
}

export async function createAttributeAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(settingsActions.createAttribute)(form));
}
export async function updateAttributeAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(settingsActions.updateAttribute)(form));
}
export async function deleteAttributeAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(settingsActions.deleteAttribute)(form));
}
export async function createTagAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(settingsActions.createTag)(form));
}
export async function updateTagAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(settingsActions.updateTag)(form));
}
export async function deleteTagAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(settingsActions.deleteTag)(form));
}
export async function updateWorkspaceAction(_previous: Previous, form: FormData) {
  return refreshed(await safeAction(settingsActions.updateWorkspace)(form));
}
