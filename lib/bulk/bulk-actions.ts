import { z } from "zod";
import type { ActionDefinition } from "@/lib/safe-action";
import { cancelBulkJob, getBulkJob, listBulkJobs, resumeBulkJob } from "./jobs";
import { startBulkInputSchema } from "./schema";
import { countSelection, selectionSchema } from "./selection";
import { startBulkAction } from "./start";
import { describeJob, type BulkJobView } from "./view";

/**
 * The bulk bar's actions, ready for `safeAction(...)` in a `'use server'` file. Call them with
 * objects, not FormData (selections and filters are nested). All need contacts.bulk
 * (supervisors and admins); an agent gets `{ ok: false, message: "You are not allowed to do that." }`.
 *
 * Flow: countBulkSelection → show "Add tags to N contacts?" (Delete: type N) → startBulk with the
 * same selection → if the job's status is not final, poll bulkJobStatus every second or two until
 * it is (or GET /api/bulk-jobs/:id) → cancelBulkJob / resumeBulkJob from the progress bar.
 */

const jobIdSchema = z.object({ jobId: z.uuid("Unknown bulk action.") });

export const countBulkSelectionAction = {
  permission: "contacts.bulk",
  schema: z.object({ selection: selectionSchema }),
  run: async ({ selection }, { user }) => ({ count: await countSelection(selection, user) }),
} satisfies ActionDefinition<z.ZodObject<{ selection: typeof selectionSchema }>, { count: number }>;

export const startBulkActionAction = {
  permission: "contacts.bulk",
  schema: startBulkInputSchema,
  run: async (input, { user }) => {
    const job = await startBulkAction(input, user);
    return { ok: true, data: job, message: describeJob(job) };
  },
} satisfies ActionDefinition<typeof startBulkInputSchema, BulkJobView>;

export const bulkJobStatusAction = {
  permission: "contacts.bulk",
  schema: jobIdSchema,
  run: ({ jobId }) => getBulkJob(jobId),
} satisfies ActionDefinition<typeof jobIdSchema, BulkJobView>;

const listSchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export const listBulkJobsAction = {
  permission: "contacts.bulk",
  schema: listSchema,
  run: ({ limit }) => listBulkJobs({ limit }),
} satisfies ActionDefinition<typeof listSchema, BulkJobView[]>;

export const cancelBulkJobAction = {
  permission: "contacts.bulk",
  schema: jobIdSchema,
  run: async ({ jobId }, { actor }) => {
    const job = await cancelBulkJob(jobId, actor);
    return { ok: true, data: job, message: describeJob(job) };
  },
} satisfies ActionDefinition<typeof jobIdSchema, BulkJobView>;

export const resumeBulkJobAction = {
  permission: "contacts.bulk",
  schema: jobIdSchema,
  run: async ({ jobId }) => {
    const job = await resumeBulkJob(jobId);
    return { ok: true, data: job, message: describeJob(job) };
  },
} satisfies ActionDefinition<typeof jobIdSchema, BulkJobView>;
