"use server";

import { duplicateActions } from "@/lib/duplicates/actions";
import { serverAction } from "@/lib/safe-action";

export const recomputeDuplicates = serverAction(duplicateActions.recompute, { revalidate: "/contacts/duplicates" });
export const dismissDuplicates = serverAction(duplicateActions.dismiss, { revalidate: "/contacts/duplicates" });
export const mergeAllDuplicates = serverAction(duplicateActions.mergeAll, { revalidate: "/contacts/duplicates" });
