import { customType, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** A WAL position (`16/B374D848`), compared by PostgreSQL's pg_lsn operators. */
const pgLsn = customType<{ data: string }>({ dataType: () => "pg_lsn" });

/**
 * Where the primary's WAL stood right after each reader's last write (db/replica.ts): that reader's
 * reads go to the replica only once it has replayed this far. Kept in the database because several
 * app instances serve one user; one row per signed-in user (`user:<id>`) and per API token (`token:<id>`).
 */
export const writeMarks = pgTable("write_marks", {
  reader: text("reader").primaryKey(),
  lsn: pgLsn("lsn").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
