"use server";

import { revalidatePath } from "next/cache";
import {
  bulkJobStatusAction,
  cancelBulkJobAction,
  countBulkSelectionAction,
  listBulkJobsAction,
  resumeBulkJobAction,
  startBulkActionAction,
} from "@/lib/bulk/bulk-actions";
import { safeAction } from "@/lib/safe-action";

// The bulk bar's server actions: thin doors over lib/bulk (see lib/bulk/bulk-actions.ts for the flow).

export const countBulkSelection = safeAction(countBulkSelectionAction);
export const bulkJobStatus = safeAction(bulkJobStatusAction);
export const cancelBulkJob = safeAction(cancelBulkJobAction);
/** Jobs under way and the latest finished ones, for showing progress again after a reload. */
export const listBulkJobs = safeAction(listBulkJobsAction);
/** Puts a failed job back on the queue; it resumes after the contacts already done. */
export const resumeBulkJob = safeAction(resumeBulkJobAction);

const start = safeAction(startBulkActionAction);
export async function startBulk(input: Parameters<typeof start>[0]) {
  const result = await start(input);
  if (result.ok) revalidatePath("/contacts");
  return result;
}
