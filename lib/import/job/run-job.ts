// Raw postgres.js: a session advisory lock on a reserved connection, and batches written by write/ with COPY on the app's pool.
import type postgres from "postgres";
import { rawSql } from "@/db";
import { noteWrite } from "@/db/replica";
import { recordAuditRows } from "@/lib/audit";
import type { ImportCheckpoint, ImportJob } from "@/db/schema";
import { ImportFileError } from "../read/file-error";
import type { ImportAttribute } from "../map/targets";
import type { ExistingContactMode } from "../validate/job-options";
import { validatedBatches } from "../validate/validated-batches";
import { commitInFileOrder, type JobContext, type OrderedCommitResult } from "../write/ordered-commit";
import { timed, type PhaseTimer } from "../write/phase-timer";
import { jobValidator, openJobCsv } from "./job-file";
import { ResultFile } from "./result-files";
import { importFileKey, removeFiles } from "./files";

/**
 * Rows per transaction. Larger batches spread each batch's fixed costs (staging tables, planning,
 * checkpoint) — measured at 1M contacts: 5 000 → 10 000 rows ≈ +25 % rows/s, 20 000 ≈ +15 % more —
 * but a batch holds the row locks of the contacts it merges until it commits, and a merge in the
 * app gives up after 5 s of waiting for a lock; 10 000 rows commit in ~2–3 s on the benchmark machine.
 */
export const DEFAULT_BATCH_SIZE = 10_000;
/** Past this many rows the planner's statistics of the touched tables are refreshed at the end. */
const ANALYZE_AFTER_ROWS = 10_000;
/**
 * Batches written at once, each in its own transaction on its own connection (they still commit in
 * file order: write/ordered-commit.ts). One PostgreSQL backend writing a batch is the import's
 * bottleneck — it keeps one core busy while Node waits — so a second one writing the next batch
 * meanwhile adds what the machine has left (BENCHMARKS.md). `SWITCHBOARD_IMPORT_WRITERS` (1–4) overrides it.
 */
export const DEFAULT_WRITERS = 2;

function writersFromEnv(): number {
  const n = Number(process.env.SWITCHBOARD_IMPORT_WRITERS ?? DEFAULT_WRITERS);
  return Number.isInteger(n) && n >= 1 && n <= 4 ? n : DEFAULT_WRITERS;
}

export interface RunImportOptions {
  batchSize?: number;
  /** Batches written at once (see DEFAULT_WRITERS). */
  writers?: number;
  /** Wall time per phase and per statement (the benchmark's breakdown). */
  timer?: PhaseTimer;
  /** Called after each committed batch (tests use it to kill a job half-way). */
  afterBatch?: (batch: number, processedRows: number) => void | Promise<void>;
}

export type RunImportResult = "completed" | "cancelled" | "failed" | "busy" | "not-started";

interface JobRow {
  id: string;
  file_name: string;
  file_path: string;
  delimiter: string | null;
  headers: string[] | null;
  mapping: Record<string, unknown> | null;
  options: Record<string, unknown> | null;
  status: ImportJob["status"];
  processed_rows: number;
  checkpoint: ImportCheckpoint | null;
  created_by_id: string;
  actor_label: string;
}

/** The runner's session advisory lock is `import:<id>`; lib/jobs/takeover.ts reads it as the job's heartbeat. */
export const IMPORT_LOCK_PREFIX = "import:";
const lockKey = (jobId: string) => `${IMPORT_LOCK_PREFIX}${jobId}`;

/**
 * The background job of one import (SPEC §6.7). Resumable and idempotent: each batch is one
 * transaction that also advances the job's checkpoint, so after a crash or restart the job reads the
 * file again, skips the rows already committed and carries on; running it again on a finished job
 * does nothing. A session advisory lock keeps two workers off the same job (it dies with the
 * connection, so a killed worker never leaves it held), and the checkpoint check inside every batch
 * would refuse a second writer anyway.
 */
export async function runImportJob(jobId: string, options: RunImportOptions = {}): Promise<RunImportResult> {
  const sql = rawSql();
  const lock = await sql.reserve();
  try {
    const [{ locked }] = (await lock`select pg_try_advisory_lock(hashtextextended(${lockKey(jobId)}, 0)) as locked`) as unknown as [{ locked: boolean }];
    if (!locked) return "busy";
    try {
      return await run(sql, jobId, options);
    } finally {
      await lock`select pg_advisory_unlock(hashtextextended(${lockKey(jobId)}, 0))`;
    }
  } finally {
    lock.release();
  }
}

async function run(sql: postgres.Sql, jobId: string, options: RunImportOptions): Promise<RunImportResult> {
  const [job] = await sql<JobRow[]>`
    update import_jobs j set status = 'running', started_at = coalesce(j.started_at, now()), last_error = null
    from users u
    where j.id = ${jobId} and j.status in ('queued', 'running') and u.id = j.created_by_id
    returning j.id, j.file_name, j.file_path, j.delimiter, j.headers, j.mapping, j.options, j.status, j.processed_rows,
      j.checkpoint, j.created_by_id::text, u.name || ' <' || u.email || '>' as actor_label`;
  if (job) {
    for (const key of ["headers", "mapping", "options", "checkpoint"] as const) (job as unknown as Record<string, unknown>)[key] = fromJson(job[key]);
  }
  if (!job) {
    const [row] = await sql<{ status: ImportJob["status"]; file_path: string }[]>`select status, file_path from import_jobs where id = ${jobId}`;
    if (row?.status === "cancelled") await removeFiles(row.file_path);
    return row?.status === "completed" || row?.status === "cancelled" || row?.status === "failed" ? row.status : "not-started";
  }
  const actor = { id: Number(job.created_by_id), label: job.actor_label };
  const attributes = await sql<ImportAttribute[]>`select key, label, type, options from attribute_definitions`;
  const checkpoint = job.checkpoint ?? { line: 0, errorBytes: 0, warningBytes: 0 };
  const asJob = {
    filePath: job.file_path,
    delimiter: job.delimiter,
    headers: job.headers,
    mapping: job.mapping,
    options: job.options,
  } as ImportJob;

  let validate;
  let mode: ExistingContactMode;
  try {
    const compiled = jobValidator(asJob, attributes);
    validate = compiled.validate;
    mode = compiled.options.existing;
  } catch (error) {
    return fail(sql, job, error instanceof Error ? error.message : String(error));
  }
  const delimiter = (job.delimiter ?? ",") as "," | ";" | "\t";
  const errors = ResultFile.errors(importFileKey(jobId, "errors"), job.headers ?? [], delimiter);
  const warnings = ResultFile.warnings(importFileKey(jobId, "warnings"), job.headers ?? [], delimiter);
  await errors.reopen(checkpoint.errorBytes);
  await warnings.reopen(checkpoint.warningBytes);

  const touched = new Set<string>();
  const context: JobContext = { sql, jobId: job.id, fileName: job.file_name, actor, mode, errors, warnings, touched, timer: options.timer };
  const writers = options.writers ?? writersFromEnv();
  let result: OrderedCommitResult;
  try {
    const csv = await openJobCsv(asJob);
    const batches = validatedBatches(csv.rows, validate, {
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      skip: job.processed_rows,
    });
    result = await commitInFileOrder(context, batches, { processed: job.processed_rows, writers, afterBatch: options.afterBatch });
  } catch (error) {
    if (error instanceof ImportFileError) return fail(sql, job, error.message, errors, warnings);
    await sql`update import_jobs set last_error = ${error instanceof Error ? error.message : String(error)} where id = ${jobId}`.catch(() => {});
    throw error;
  }
  if (result.stopped) {
    if (result.stopped === "cancelled") await finish(sql, job, "cancelled", errors, warnings);
    return result.stopped;
  }
  const processed = result.processed;
  const done = await timed(options.timer, "finish", finish(sql, job, "completed", errors, warnings));
  // Whoever started the import sees its contacts in the list at once (read-your-writes with a replica).
  await noteWrite({ user: Number(job.created_by_id) });
  if (done && processed >= ANALYZE_AFTER_ROWS && touched.size) {
    // Search plans went 4× slower until the statistics saw the new rows (BENCHMARKS.md). Only the
    // tables this import wrote to: at 1M contacts the untouched attribute values alone took ~0.5 s.
    // One table a statement, as many at once as the import had writers (contacts alone is most of it).
    await timed(options.timer, "analyze", analyzeTables(sql, [...touched], writers));
  }
  return done ? "completed" : "cancelled";
}

/** The largest tables first, so the small ones fill in beside them. */
async function analyzeTables(sql: postgres.Sql, tables: string[], parallel: number): Promise<void> {
  const sized = await sql<{ name: string }[]>`
    select t.name from unnest(${tables}::text[]) t(name) order by pg_total_relation_size(t.name::regclass) desc`;
  const queue = sized.map((t) => t.name);
  const worker = async () => {
    for (let table = queue.shift(); table; table = queue.shift()) await sql.unsafe(`analyze ${table}`);
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
}

/** Ends a job: its counts are final, the result files are linked, the files nothing reads any more are deleted. */
async function finish(sql: postgres.Sql, job: JobRow, status: "completed" | "cancelled", errors: ResultFile, warnings: ResultFile): Promise<boolean> {
  const [row] = await sql<{ created_count: number; merged_count: number; skipped_count: number; failed_count: number; warning_count: number; processed_rows: number }[]>`
    update import_jobs set
      status = ${status},
      finished_at = coalesce(finished_at, now()),
      total_rows = case when ${status} = 'completed' then processed_rows else total_rows end,
      error_file_path = ${errors.hasRows ? errors.key : null},
      warning_file_path = ${warnings.hasRows ? warnings.key : null}
    where id = ${job.id} and status = ${status === "completed" ? "running" : "cancelled"}
    returning created_count, merged_count, skipped_count, failed_count, warning_count, processed_rows`;
  if (row) {
    await auditJob(sql, job, `import.${status}`, { ...row, fileName: job.file_name });
  }
  await removeUnneeded(job, errors, warnings);
  return Boolean(row) && status === "completed";
}

async function fail(sql: postgres.Sql, job: JobRow, message: string, errors?: ResultFile, warnings?: ResultFile): Promise<"failed"> {
  await sql`
    update import_jobs set status = 'failed', finished_at = now(), last_error = ${message},
      error_file_path = ${errors?.hasRows ? errors.key : null},
      warning_file_path = ${warnings?.hasRows ? warnings.key : null}
    where id = ${job.id} and status = 'running'`;
  await auditJob(sql, job, "import.failed", { message });
  await removeUnneeded(job, errors, warnings);
  return "failed";
}

/**
 * An ended job keeps only the result files it links: the upload, the review's rejected rows (the
 * job's own file replaces them) and a result file with nothing past its header row go.
 */
function removeUnneeded(job: JobRow, errors?: ResultFile, warnings?: ResultFile): Promise<void> {
  return removeFiles(
    job.file_path,
    importFileKey(job.id, "review-errors"),
    errors && !errors.hasRows ? errors.key : null,
    warnings && !warnings.hasRows ? warnings.key : null,
  );
}

/** The job's end in the audit log, in the name of who started it. */
function auditJob(sql: postgres.Sql, job: JobRow, action: string, after: object): Promise<void> {
  const actor = { id: Number(job.created_by_id), label: job.actor_label };
  return recordAuditRows(sql, actor, { action, entityType: "import_job", rows: sql`select ${job.id} as entity_id, null as before, ${JSON.stringify(after)}::jsonb as after` });
}

/** JSON columns come back from postgres.js as text here (Drizzle, sharing the client, turns its JSON parsing off). */
function fromJson<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** For the queue: a job that failed for good (retries exhausted) is marked failed with its last error. */
export async function markImportFailed(jobId: string, message: string): Promise<void> {
  const [row] = await rawSql()<{ file_path: string }[]>`
    update import_jobs set status = 'failed', finished_at = now(), last_error = ${message}
    where id = ${jobId} and status in ('queued', 'running') returning file_path`;
  if (row) await removeFiles(row.file_path);
}
