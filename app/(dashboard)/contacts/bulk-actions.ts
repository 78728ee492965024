"use server";

import { revalidatePath } from "next/cache";
import {
  bulkJobStatusAction,
  cancelBulkJobAction,
  countBulkSelectionAction,
  startBulkActionAction,
} from "@/lib/bulk/bulk-actions";
import { safeAction } from "@/lib/safe-action";

export const countBulkSelection = safeAction(countBulkSelectionAction);
export const bulkJobStatus = safeAction(bulkJobStatusAction);
export const cancelBulkJob = safeAction(cancelBulkJobAction);

const start = safeAction(startBulkActionAction);
export async function startBulk(input: Parameters<typeof start>[0]) {
  const result = await start(input);
  if (result.ok) revalidatePath("/contacts");
  return result;
}
