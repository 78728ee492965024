import type { ImportJob } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { fileStore, StoredFileMissingError } from "@/lib/storage";
import { ImportFileError } from "../read/file-error";
import { importJobOptionsSchema, validatorOptions, type ImportJobOptions } from "../validate/job-options";
import { readCsvFile, type CsvFile, type Delimiter } from "../read/parse";
import { importMappingSchema, type ImportAttribute, type ImportMapping } from "../map/targets";
import { compileRowValidator } from "../validate/validate-row";

/** The mapping and options saved on a job by the mapper step; refused when they are missing or stale. */
export function jobSettings(job: Pick<ImportJob, "mapping" | "options" | "headers">): { mapping: ImportMapping; options: ImportJobOptions } {
  const mapping = importMappingSchema.safeParse((job.mapping as { columns?: unknown } | null)?.columns);
  const options = importJobOptionsSchema.safeParse(job.options);
  if (!mapping.success || !options.success || mapping.data.length !== (job.headers ?? []).length) {
    throw new ValidationError("Map the file's columns first.");
  }
  return { mapping: mapping.data, options: options.data };
}

export function jobValidator(job: ImportJob, attributes: readonly ImportAttribute[]) {
  const { mapping, options } = jobSettings(job);
  return { validate: compileRowValidator(job.headers ?? [], mapping, attributes, validatorOptions(options)), options };
}

/** The stored upload, decoded and parsed again from its first byte (streamed from the file store). */
export async function openJobCsv(job: Pick<ImportJob, "filePath" | "delimiter" | "headers">): Promise<CsvFile> {
  const chunks = fileStore().read(job.filePath);
  try {
    const csv = await readCsvFile(chunks, { delimiter: (job.delimiter as Delimiter | null) ?? undefined });
    const expected = job.headers ?? [];
    if (csv.headers.length !== expected.length || csv.headers.some((h, i) => h !== expected[i])) {
      throw new ImportFileError("The file's header row is not the one the columns were mapped for. Upload the file again.");
    }
    return csv;
  } catch (error) {
    if (error instanceof StoredFileMissingError) {
      throw new ImportFileError("The uploaded file is no longer there (imports keep it only until they end). Upload it again.");
    }
    throw error;
  }
}
