"use server";

import { revalidatePath } from "next/cache";
import { mergeContactsAction, previewMergeAction } from "@/lib/contacts/merge-actions";
import { safeAction } from "@/lib/safe-action";

export const previewMerge = safeAction(previewMergeAction);

const merge = safeAction(mergeContactsAction);
export async function mergeContacts(input: Parameters<typeof merge>[0]) {
  const result = await merge(input);
  if (result.ok) revalidatePath("/contacts", "layout");
  return result;
}
