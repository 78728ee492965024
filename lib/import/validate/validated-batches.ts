import type { RejectedRow } from "../read/error-csv";
import type { CsvRow } from "../read/parse";
import { describeProblems, type compileRowValidator, type ImportRecord } from "./validate-row";

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
