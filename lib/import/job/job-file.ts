import { createReadStream } from "node:fs";
import type { ImportJob } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import type { RejectedRow } from "../read/error-csv";
import { ImportFileError } from "../read/file-error";
import { importJobOptionsSchema, validatorOptions, type ImportJobOptions } from "../validate/job-options";
import { readCsvFile, type CsvFile, type CsvRow, type Delimiter } from "../read/parse";
import { importMappingSchema, type ImportAttribute, type ImportMapping } from "../map/targets";
import { compileRowValidator, describeProblems, type ImportRecord } from "../validate/validate-row";

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

/** The stored upload, decoded and parsed again from its first byte (1 MB reads). */
export async function openJobCsv(job: Pick<ImportJob, "filePath" | "delimiter" | "headers">): Promise<CsvFile> {
  let stream;
  try {
    stream = createReadStream(job.filePath, { highWaterMark: 1024 * 1024 });
    const csv = await readCsvFile(stream, { delimiter: (job.delimiter as Delimiter | null) ?? undefined });
    const expected = job.headers ?? [];
    if (csv.headers.length !== expected.length || csv.headers.some((h, i) => h !== expected[i])) {
      throw new ImportFileError("The file's header row is not the one the columns were mapped for. Upload the file again.");
    }
    return csv;
  } catch (error) {
    stream?.destroy();
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new ImportFileError("The uploaded file is no longer there (imports keep it only until they end). Upload it again.");
    }
    throw error;
  }
}

export interface ValidatedBatch {
  /** Data records read (valid or not). */
  size: number;
  records: ImportRecord[];
  rejected: RejectedRow[];
  /** The original values of the valid rows, for rows the merge rules fail or warn about. */
  values: Map<number, readonly string[]>;
  lastLine: number;
}

const YIELD_EVERY = 250;

/**
 * The file's records in batches of `batchSize` rows, each row validated. `skip` records are read
 * and thrown away first: the rows a resumed job already committed.
 */
export async function* validatedBatches(
  rows: AsyncIterable<CsvRow>,
  validate: ReturnType<typeof compileRowValidator>,
  options: { batchSize: number; skip?: number },
): AsyncGenerator<ValidatedBatch> {
  let skip = options.skip ?? 0;
  let batch: ValidatedBatch = empty();
  let sinceYield = 0;
  for await (const row of rows) {
    // Rows already in memory arrive as microtasks, which starve I/O: validating a batch in one go
    // kept the writer from seeing PostgreSQL's answers (measured: ~10 % of an import's time with
    // the database idle). Letting the event loop turn every few hundred rows keeps both busy.
    if (++sinceYield === YIELD_EVERY) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (skip > 0) {
      skip--;
      continue;
    }
    batch.size++;
    batch.lastLine = row.line;
    const result = validate(row);
    if (result.ok) {
      batch.records.push(result.record);
      batch.values.set(row.line, row.values);
    } else {
      batch.rejected.push({ line: row.line, values: row.values, error: describeProblems(result.problems) });
    }
    if (batch.size >= options.batchSize) {
      yield batch;
      batch = empty();
    }
  }
  if (batch.size > 0) yield batch;
}

function empty(): ValidatedBatch {
  return { size: 0, records: [], rejected: [], values: new Map(), lastLine: 0 };
}
