"use server";

import { mergeContactsAction, previewMergeAction } from "@/lib/contacts/merge-actions";
import { serverAction } from "@/lib/safe-action";

export const previewMerge = serverAction(previewMergeAction);
// Merging from a profile changes the list and every merged profile too: the whole /contacts tree.
export const mergeContacts = serverAction(mergeContactsAction, { revalidate: "/contacts", type: "layout" });
