"use server";

import { undoMergeAction } from "@/lib/contacts/merge-undo-actions";
import { serverAction } from "@/lib/safe-action";

// The restored contacts are back in the list and their old URLs open them again: the whole /contacts
// tree is stale. The profile reloads with the outcome (`?mergeUndone=` names the timeline entry).
export const undoMerge = serverAction(undoMergeAction, {
  redirect: (data) => `/contacts/${data.contactId}?mergeUndone=${data.activityId}`,
});
