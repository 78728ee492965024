import { bigint, bigserial, customType, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Files the app keeps (uploads, an import's rejected and warned rows) when no object storage is set
 * (lib/storage/postgres-store.ts), so every app instance sees the same files. `key` is null while a
 * `put` is still writing: the new content replaces the old one under its key only when it commits.
 */
export const storedFiles = pgTable("stored_files", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  key: text("key").unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A file's bytes in pieces of at most 256 KB, by the offset where each starts: a file is read
 * piece by piece in that order, appended to by adding pieces and cut back by deleting those that
 * start at or past a length.
 */
export const storedFileChunks = pgTable(
  "stored_file_chunks",
  {
    fileId: bigint("file_id", { mode: "number" })
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    start: bigint("start", { mode: "number" }).notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.start] })],
);
