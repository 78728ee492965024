import { z } from "zod";
import type { ActionDefinition } from "@/lib/safe-action";
import { importSettingsSchema, jobIdSchema } from "./job-options";
import { cancelImportJob, getImportJob, loadDraft, type ImportDraft, type ImportJobView } from "./jobs";
import { DELIMITERS } from "./parse";
import { enqueueImport } from "./queue";
import { reviewImport, saveImportSettings, type ImportReview } from "./review";
import { startImportJob } from "./start-job";

/**
 * The import wizard's server actions, ready for `safeAction(...)` in a 'use server' file. Each one
 * requires contacts.import itself: the page hiding the wizard from agents is not the check.
 */

const delimiterSchema = z.object({ jobId: z.uuid("This import does not exist."), delimiter: z.enum(DELIMITERS) });

/** Map columns → Review: saves the mapping and options, then checks the whole file. */
export const reviewImportAction = {
  permission: "contacts.import",
  schema: importSettingsSchema,
  run: async (input, { actor }) => {
    await saveImportSettings(input, actor);
    return reviewImport(input.jobId);
  },
} satisfies ActionDefinition<typeof importSettingsSchema, ImportReview>;

/** The Delimiter select: the file is read again with the chosen delimiter and mapped afresh. */
export const changeDelimiterAction = {
  permission: "contacts.import",
  schema: delimiterSchema,
  run: (input) => loadDraft(input.jobId, input.delimiter),
} satisfies ActionDefinition<typeof delimiterSchema, ImportDraft>;

export const startImportAction = {
  permission: "contacts.import",
  schema: jobIdSchema,
  run: (input, { actor }) => startImportJob(input.jobId, actor, enqueueImport),
} satisfies ActionDefinition<typeof jobIdSchema, ImportJobView>;

export const cancelImportAction = {
  permission: "contacts.import",
  schema: jobIdSchema,
  run: async (input, { actor }) => {
    const view = await cancelImportJob(input.jobId, actor);
    return { ok: true, data: view, message: view.status === "cancelled" ? "Import cancelled." : "The import had already ended." };
  },
} satisfies ActionDefinition<typeof jobIdSchema, ImportJobView>;

export const importStatusAction = {
  permission: "contacts.import",
  schema: jobIdSchema,
  run: async (input) => (await getImportJob(input.jobId)).view,
} satisfies ActionDefinition<typeof jobIdSchema, ImportJobView>;
