"use server";

import { cancelImportAction, changeDelimiterAction, reviewImportAction, startImportAction } from "@/lib/import/actions";
import { serverAction } from "@/lib/safe-action";

// The import wizard: doors over lib/import/actions.ts. Starting or cancelling changes the page's
// list of past imports.

export const reviewImport = serverAction(reviewImportAction);
export const changeDelimiter = serverAction(changeDelimiterAction);
export const startImport = serverAction(startImportAction, { revalidate: "/contacts/import" });
export const cancelImport = serverAction(cancelImportAction, { revalidate: "/contacts/import" });
