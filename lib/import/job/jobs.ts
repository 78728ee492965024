import { and, asc, desc, eq, inArray, isNull, lt, not } from "drizzle-orm";
import { db } from "@/db";
import { attributeDefinitions, importJobs, users, type ImportJob } from "@/db/schema";
import type { JobStatus } from "@/db/schema/enums";
import { recordAudit, type Actor } from "@/lib/audit";
import { defaultCountry } from "@/lib/workspace";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { autoMap } from "../map/auto-map";
import { importJobOptionsSchema, type ImportJobOptions } from "../validate/job-options";
import { previewCsv, type CsvPreview, type Delimiter } from "../read/parse";
import { fileStore, readHead } from "@/lib/storage";
import { importFileKey, removeFiles } from "./files";
import { isImportTarget, targetOptions, type ImportAttribute, type ImportTarget, type TargetOption } from "../map/targets";

/** Bytes of the file the mapper's preview reads: headers, delimiter, encoding and sample rows. */
export const PREVIEW_BYTES = 256 * 1024;
const SAMPLE_ROWS = 5;

export const ACTIVE_STATUSES: readonly JobStatus[] = ["queued", "running"];
export const FINISHED_STATUSES: readonly JobStatus[] = ["completed", "failed", "cancelled"];

/** A job as the wizard and the list of past imports show it (polled while it runs). */
export interface ImportJobView {
  id: string;
  fileName: string;
  fileSize: number;
  status: JobStatus;
  totalRows: number | null;
  processedRows: number;
  createdCount: number;
  mergedCount: number;
  skippedCount: number;
  failedCount: number;
  warningCount: number;
  hasErrorFile: boolean;
  hasWarningFile: boolean;
  lastError: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Server time of this view, so the browser computes rates against the server's clock. */
  now: string;
}

export interface ImportPreview {
  encoding: string;
  delimiter: Delimiter;
  headers: string[];
  /** Values of the first rows, aligned with `headers`. */
  sampleRows: string[][];
  totalRowsEstimate: number;
  totalRowsExact: boolean;
}

/** Everything the Map columns step needs: after the upload, and again when the page is reloaded. */
export interface ImportDraft {
  job: ImportJobView;
  preview: ImportPreview;
  mapping: ImportTarget[];
  options: ImportJobOptions;
  targets: TargetOption[];
  /** The workspace's custom attributes, to check the mapping in the browser as it changes. */
  attributes: ImportAttribute[];
}

export async function loadAttributes(): Promise<ImportAttribute[]> {
  return db
    .select({ key: attributeDefinitions.key, label: attributeDefinitions.label, type: attributeDefinitions.type, options: attributeDefinitions.options })
    .from(attributeDefinitions)
    .orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.id));
}

export function toPreview(preview: CsvPreview): ImportPreview {
  return {
    encoding: preview.encoding,
    delimiter: preview.delimiter,
    headers: preview.headers,
    sampleRows: preview.sampleRows.slice(0, SAMPLE_ROWS).map((r) => r.values),
    totalRowsEstimate: preview.totalRowsEstimate,
    totalRowsExact: preview.totalRowsExact,
  };
}

export function previewHead(head: Uint8Array, size: number, delimiter?: Delimiter): CsvPreview {
  return previewCsv(head, { totalBytes: size, delimiter, sampleSize: 20 });
}

/** The stored job's options, or the defaults (the workspace's country, merge). */
export function jobOptions(job: Pick<ImportJob, "options">, country: string): ImportJobOptions {
  const parsed = importJobOptionsSchema.safeParse(job.options ?? {});
  return parsed.success ? parsed.data : { defaultCountry: country, tags: [], existing: "merge" };
}

/** The saved mapping when it still fits the headers, otherwise the automatic one. */
export function jobMapping(job: Pick<ImportJob, "mapping" | "headers">, preview: CsvPreview, attributes: readonly ImportAttribute[]): ImportTarget[] {
  const saved = (job.mapping as { columns?: unknown } | null)?.columns;
  if (Array.isArray(saved) && saved.length === preview.headers.length && saved.every((t) => typeof t === "string" && isImportTarget(t))) {
    return saved as ImportTarget[];
  }
  return autoMap(preview.headers, { attributes, sampleRows: preview.sampleRows });
}

export function buildDraft(
  job: ImportJobView,
  preview: CsvPreview,
  mapping: ImportTarget[],
  options: ImportJobOptions,
  attributes: readonly ImportAttribute[],
): ImportDraft {
  return { job, preview: toPreview(preview), mapping, options, targets: targetOptions(attributes, mapping), attributes: [...attributes] };
}

const jobColumns = {
  job: importJobs,
  createdBy: users.name,
};

function view(row: { job: ImportJob; createdBy: string | null }): ImportJobView {
  const { job } = row;
  return {
    id: job.id,
    fileName: job.fileName,
    fileSize: job.fileSize,
    status: job.status,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    createdCount: job.createdCount,
    mergedCount: job.mergedCount,
    skippedCount: job.skippedCount,
    failedCount: job.failedCount,
    warningCount: job.warningCount,
    hasErrorFile: Boolean(job.errorFilePath) && job.failedCount > 0,
    hasWarningFile: Boolean(job.warningFilePath) && job.warningCount > 0,
    lastError: job.lastError,
    createdBy: row.createdBy ?? "a deleted user",
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    now: new Date().toISOString(),
  };
}

export async function findImportJob(id: string): Promise<{ job: ImportJob; view: ImportJobView } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select(jobColumns).from(importJobs).leftJoin(users, eq(users.id, importJobs.createdById)).where(eq(importJobs.id, id));
  return row ? { job: row.job, view: view(row) } : null;
}

export async function getImportJob(id: string): Promise<{ job: ImportJob; view: ImportJobView }> {
  const found = await findImportJob(id);
  if (!found) throw new NotFoundError("This import does not exist (any more).");
  return found;
}

/** The Map columns step of a job that has not started yet, rebuilt from its file (after a reload). */
export async function loadDraft(id: string, delimiter?: Delimiter): Promise<ImportDraft> {
  const { job, view: jobView } = await getImportJob(id);
  if (job.status !== "pending") throw new ConflictError("This import has already started; its columns can no longer be changed.");
  const [attributes, country] = await Promise.all([loadAttributes(), defaultCountry()]);
  const { head, size } = await readHead(fileStore(), job.filePath, PREVIEW_BYTES);
  const chosen = delimiter ?? (job.delimiter as Delimiter | null) ?? undefined;
  const preview = previewHead(head, size, chosen);
  const mapping = delimiter && delimiter !== job.delimiter ? autoMap(preview.headers, { attributes, sampleRows: preview.sampleRows }) : jobMapping(job, preview, attributes);
  if (delimiter && delimiter !== job.delimiter) {
    await db
      .update(importJobs)
      .set({ delimiter: preview.delimiter, headers: preview.headers, mapping: { columns: mapping } })
      .where(eq(importJobs.id, id));
  }
  return buildDraft(jobView, preview, mapping, jobOptions(job, country), attributes);
}

/**
 * An upload nobody went on with for `hours`: left at Map columns or Review, or cancelled before the
 * runner took it up. It never started (`started_at` is set by the runner before the first batch), so
 * it wrote no contact; a job that started stays listed and kept, whatever its end.
 */
function abandonedFor(hours: number) {
  return and(
    inArray(importJobs.status, ["pending", "cancelled"]),
    isNull(importJobs.startedAt),
    eq(importJobs.processedRows, 0),
    lt(importJobs.createdAt, new Date(Date.now() - hours * 3600_000)),
  );
}

export const ABANDONED_AFTER_HOURS = 24;

export async function listImportJobs(limit = 20): Promise<ImportJobView[]> {
  const rows = await db
    .select(jobColumns)
    .from(importJobs)
    .leftJoin(users, eq(users.id, importJobs.createdById))
    // The hourly clean-up deletes them; until it runs they are already gone from the list.
    .where(not(abandonedFor(ABANDONED_AFTER_HOURS)!))
    // The id breaks ties, so two uploads of one moment keep their places between reloads.
    .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
    .limit(limit);
  return rows.map(view);
}

/**
 * Deletes abandoned uploads (see `abandonedFor`) set-wise, with their files, so they neither fill
 * Past imports with "Not started" rows nor keep 100 MB files. The audit log keeps the upload.
 */
export async function expireAbandonedUploads(hours = ABANDONED_AFTER_HOURS): Promise<number> {
  const dropped = await db.delete(importJobs).where(abandonedFor(hours)).returning({ id: importJobs.id, filePath: importJobs.filePath });
  for (const job of dropped) await removeFiles(job.filePath, importFileKey(job.id, "review-errors"));
  // And uploads whose server died while receiving them (they never became a job).
  await fileStore().sweep(hours);
  return dropped.length;
}

/**
 * Cancels a job that has not finished. A running job stops before its next batch; the batches it
 * committed stay imported (the result says how many). The uploaded file is removed once nothing
 * reads it any more: now for a job that never started, by the runner otherwise.
 */
export async function cancelImportJob(id: string, actor: Actor): Promise<ImportJobView> {
  const cancelled = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(importJobs)
      .set({ status: "cancelled", finishedAt: new Date() })
      .where(and(eq(importJobs.id, id), inArray(importJobs.status, ["pending", "queued", "running"])))
      .returning();
    if (!row) return null;
    await recordAudit(tx, actor, { action: "import.cancel", entityType: "import_job", entityId: id, after: { status: "cancelled", processedRows: row.processedRows } });
    return row;
  });
  const found = await getImportJob(id);
  if (!cancelled) {
    if (FINISHED_STATUSES.includes(found.job.status)) return found.view;
    throw new ConflictError("This import could not be cancelled.");
  }
  if (cancelled.startedAt === null) await removeFiles(cancelled.filePath);
  return found.view;
}
