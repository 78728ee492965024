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
export const listBulkJobs = safeAction(listBulkJobsAction);
export const resumeBulkJob = safeAction(resumeBulkJobAction);

const start = safeAction(startBulkActionAction);
export async function startBulkAction(input: Parameters<typeof start>[0]) {
  const result = await start(input);
  // A job run inline has changed the list already; a queued one will, as it goes.
  if (result.ok) revalidatePath("/contacts", "layout");
  return result;
}

const cancel = safeAction(cancelBulkJobAction);
export async function cancelBulkJob(input: Parameters<typeof cancel>[0]) {
  const result = await cancel(input);
  if (result.ok) revalidatePath("/contacts", "layout");
  return result;
}
