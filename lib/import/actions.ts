import { z } from "zod";
import { defineAction } from "@/lib/safe-action";
import { importSettingsSchema, jobIdSchema } from "./validate/job-options";
import { cancelImportJob, loadDraft } from "./job/jobs";
import { DELIMITERS } from "./read/parse";
import { enqueueImport } from "./job/queue";
import { reviewImport, saveImportSettings } from "./job/review";
import { startImportJob } from "./job/start-job";

/**
 * The import wizard's server actions. Each one requires contacts.import itself: the page hiding
 * the wizard from agents is not the check. The wizard follows a running import by polling
 * GET /api/imports/:id (lib/import/http.ts), not through an action.
 */

const delimiterSchema = z.object({ jobId: z.uuid("This import does not exist."), delimiter: z.enum(DELIMITERS) });

/** Map columns → Review: saves the mapping and options, then checks the whole file. */
export const reviewImportAction = defineAction({
  permission: "contacts.import",
  schema: importSettingsSchema,
  run: async (input, { actor }) => {
    await saveImportSettings(input, actor);
    return reviewImport(input.jobId);
  },
});

/** The Delimiter select: the file is read again with the chosen delimiter and mapped afresh. */
export const changeDelimiterAction = defineAction({
  permission: "contacts.import",
  schema: delimiterSchema,
  run: (input) => loadDraft(input.jobId, input.delimiter),
});

export const startImportAction = defineAction({
  permission: "contacts.import",
  schema: jobIdSchema,
  run: (input, { actor }) => startImportJob(input.jobId, actor, enqueueImport),
});

export const cancelImportAction = defineAction({
  permission: "contacts.import",
  schema: jobIdSchema,
  run: async (input, { actor }) => {
    const view = await cancelImportJob(input.jobId, actor);
    return { ok: true, data: view, message: view.status === "cancelled" ? "Import cancelled." : "The import had already ended." };
  },
});
