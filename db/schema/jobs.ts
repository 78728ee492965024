import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { bulkActionEnum, jobStatusEnum } from "./enums";

export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fileName: text("file_name").notNull(),
    /** The uploaded file's key in the file store (lib/storage), kept until the job ends. */
    filePath: text("file_path").notNull(),
    fileSize: bigint("file_size", { mode: "number" }).notNull(),
    encoding: text("encoding"),
    delimiter: text("delimiter"),
    headers: jsonb("headers").$type<string[]>(),
    mapping: jsonb("mapping").$type<Record<string, unknown>>(),
    options: jsonb("options").$type<Record<string, unknown>>(),
    status: jobStatusEnum("status").notNull().default("pending"),
    totalRows: integer("total_rows"),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    mergedCount: integer("merged_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    warningCount: integer("warning_count").notNull().default(0),
    /** The rejected rows' file in the file store (a key, as are the other `*_file_path`s). */
    errorFilePath: text("error_file_path"),
    /** Rows imported with a warning (e.g. an e-mail left on another contact), as a CSV like the error file. */
    warningFilePath: text("warning_file_path"),
    /**
     * Where a resumed job picks up, written in the same transaction as each batch: the file line after
     * the last committed row and the committed lengths of the error and warning files (anything
     * written after them by a batch that did not commit is cut off on resume).
     */
    checkpoint: jsonb("checkpoint").$type<ImportCheckpoint>(),
    lastError: text("last_error"),
    createdById: bigint("created_by_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("import_jobs_created_idx").on(t.createdAt)],
);

export interface ImportCheckpoint {
  line: number;
  errorBytes: number;
  warningBytes: number;
}

/** A bulk action over a set of contacts fixed when the user confirmed it. */
export const bulkJobs = pgTable(
  "bulk_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    action: bulkActionEnum("action").notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    /** The filter and search the set was taken from, for the audit log. */
    criteria: jsonb("criteria").$type<Record<string, unknown>>().notNull().default({}),
    status: jobStatusEnum("status").notNull().default("pending"),
    total: integer("total").notNull(),
    processed: integer("processed").notNull().default(0),
    lastError: text("last_error"),
    createdById: bigint("created_by_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
);

/** The contact ids a bulk job works on, in chunks; done rows let a job resume where it stopped. */
export const bulkJobItems = pgTable(
  "bulk_job_items",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => bulkJobs.id, { onDelete: "cascade" }),
    contactId: bigint("contact_id", { mode: "number" }).notNull(),
    done: timestamp("done_at", { withTimezone: true }),
    id: bigserial("id", { mode: "number" }).primaryKey(),
  },
  (t) => [index("bulk_job_items_job_idx").on(t.jobId, t.id)],
);

export type ImportJob = typeof importJobs.$inferSelect;
export type BulkJob = typeof bulkJobs.$inferSelect;
