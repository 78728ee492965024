import { z } from "zod";
import { defineAction } from "@/lib/safe-action";
import { cancelBulkJob, listBulkJobs, resumeBulkJob } from "./jobs";
import { startBulkInputSchema } from "./schema";
import { countSelection, selectionSchema } from "./selection";
import { startBulkAction } from "./start";
import { describeJob } from "./view";

/**
 * The bulk bar's actions. Call them with objects, not FormData (selections and filters are nested).
 * All need contacts.bulk (supervisors and admins); an agent gets
 * `{ ok: false, message: "You are not allowed to do that." }`.
 *
 * Flow: countBulkSelection → show "Add tags to N contacts?" (Delete: type N) → startBulk with the
 * same selection → while the job's status is not final, the progress bar polls
 * GET /api/bulk-jobs/:id (as the import wizard polls GET /api/imports/:id) → cancelBulkJob /
 * resumeBulkJob from the progress bar.
 */

const jobIdSchema = z.object({ jobId: z.uuid("Unknown bulk action.") });

export const countBulkSelectionAction = defineAction({
  permission: "contacts.bulk",
  /** `trash`: count among contacts in Trash (for Restore and Delete forever). */
  schema: z.object({ selection: selectionSchema, trash: z.boolean().default(false) }),
  run: async ({ selection, trash }, { user }) => ({ count: await countSelection(selection, user, trash ? "trash" : "live") }),
});

export const startBulkActionAction = defineAction({
  permission: "contacts.bulk",
  schema: startBulkInputSchema,
  run: async (input, { user }) => {
    const job = await startBulkAction(input, user);
    return { ok: true, data: job, message: describeJob(job) };
  },
});

export const listBulkJobsAction = defineAction({
  permission: "contacts.bulk",
  schema: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
  run: ({ limit }) => listBulkJobs({ limit }),
});

export const cancelBulkJobAction = defineAction({
  permission: "contacts.bulk",
  schema: jobIdSchema,
  run: async ({ jobId }, { actor }) => {
    const job = await cancelBulkJob(jobId, actor);
    return { ok: true, data: job, message: describeJob(job) };
  },
});

export const resumeBulkJobAction = defineAction({
  permission: "contacts.bulk",
  schema: jobIdSchema,
  run: async ({ jobId }) => {
    const job = await resumeBulkJob(jobId);
    return { ok: true, data: job, message: describeJob(job) };
  },
});
