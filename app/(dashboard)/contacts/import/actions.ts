"use server";

import { revalidatePath } from "next/cache";
import { cancelImportAction, changeDelimiterAction, reviewImportAction, startImportAction } from "@/lib/import/actions";
import { safeAction } from "@/lib/safe-action";

export const reviewImport = safeAction(reviewImportAction);
export const changeDelimiter = safeAction(changeDelimiterAction);

const start = safeAction(startImportAction);
export async function startImport(input: Parameters<typeof start>[0]) {
  const result = await start(input);
  if (result.ok) revalidatePath("/contacts/import");
  return result;
}

const cancel = safeAction(cancelImportAction);
export async function cancelImport(input: Parameters<typeof cancel>[0]) {
  const result = await cancel(input);
  if (result.ok) revalidatePath("/contacts/import");
  return result;
}
