"use server";

import {
  cancelBulkJobAction,
  countBulkSelectionAction,
  listBulkJobsAction,
  resumeBulkJobAction,
  startBulkActionAction,
} from "@/lib/bulk/actions";
import { serverAction } from "@/lib/safe-action";

// The bulk bar's server actions: doors over lib/bulk/actions.ts (which describes the flow). The
// progress bar polls GET /api/bulk-jobs/:id, not an action.

export const countBulkSelection = serverAction(countBulkSelectionAction);
export const cancelBulkJob = serverAction(cancelBulkJobAction);
/** Jobs under way and the latest finished ones, for showing progress again after a reload. */
export const listBulkJobs = serverAction(listBulkJobsAction);
/** Puts a failed job back on the queue; it resumes after the contacts already done. */
export const resumeBulkJob = serverAction(resumeBulkJobAction);

/** Starts a bulk action. The list is refreshed when the user closes the progress, not here: a refresh
 * that empties the list (after a delete) would unmount the dialog before its result is read. */
export const startBulk = serverAction(startBulkActionAction);
