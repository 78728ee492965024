import { z } from "zod";
import { isCountryCode } from "@/lib/countries";
import type { Delimiter } from "../read/parse";
import { importMappingSchema } from "../map/targets";
import { splitTags } from "./split";
import type { ImportOptions } from "./validate-row";

/** What to do with a row whose contact already exists (SPEC §6.4, §6.6). */
export const EXISTING_CONTACT_MODES = ["merge", "skip", "createOnly"] as const;
export type ExistingContactMode = (typeof EXISTING_CONTACT_MODES)[number];

export const EXISTING_CONTACT_LABELS: Record<ExistingContactMode, { label: string; hint: string }> = {
  merge: {
    label: "Merge into it",
    hint: "The file's non-empty values win; phones, e-mails and tags are added. Rows of the file that share a phone or e-mail become one contact.",
  },
  skip: {
    label: "Skip the row",
    hint: "Existing contacts are left as they are. Rows of the file that share a phone or e-mail still become one new contact.",
  },
  createOnly: {
    label: "Create only rows that match nobody",
    hint: "A contact is created only from a row that matches no contact at all, not even one created from an earlier row of this file. Nothing is ever updated.",
  },
};

/** The same three as read/parse.ts; repeated so that the browser bundle does not pull in the CSV reader. */
export const DELIMITER_CHOICES = [",", ";", "\t"] as const satisfies readonly Delimiter[];

/** The options of an import, as stored on the job and sent by the mapper form. */
export const importJobOptionsSchema = z.object({
  defaultCountry: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCountryCode, "Pick a country from the list."),
  /** Typed as one line ("Spring fair, VIP"); split like a Tags column. */
  tags: z
    .array(z.string().trim().min(1).max(100, "A tag has at most 100 characters."))
    .max(20, "Add at most 20 tags to every contact.")
    .default([]),
  existing: z.enum(EXISTING_CONTACT_MODES).default("merge"),
  dateOrder: z.enum(["dmy", "mdy"]).optional(),
});
export type ImportJobOptions = z.output<typeof importJobOptionsSchema>;

/** What the mapper form sends: the columns' targets, the options, and the delimiter it was read with. */
export const importSettingsSchema = z.object({
  jobId: z.uuid("This import does not exist."),
  delimiter: z.enum(DELIMITER_CHOICES).optional(),
  mapping: importMappingSchema,
  options: importJobOptionsSchema,
});
export type ImportSettings = z.output<typeof importSettingsSchema>;

export const jobIdSchema = z.object({ jobId: z.uuid("This import does not exist.") });

/** "Spring fair, VIP" → ["Spring fair", "VIP"], the way a Tags column is read. */
export function parseTagList(text: string): string[] {
  return splitTags(text);
}

export function validatorOptions(options: ImportJobOptions): ImportOptions {
  return { defaultCountry: options.defaultCountry, tags: options.tags, dateOrder: options.dateOrder };
}
