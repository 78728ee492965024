"use server";

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

/** Starts a bulk action. The list is refreshed when the user closes the progress, not here: a refresh
 * that empties the list (after a delete) would unmount the dialog before its result is read. */
export const startBulk = safeAction(startBulkActionAction);
