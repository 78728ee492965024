import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction or the database itself: domain functions accept either, so callers can compose them. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface Connection {
  sql: postgres.Sql;
  db: Database;
}

export function connect(url: string, options: { max?: number } = {}): Connection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Prepared statements are kept, but planned for their actual parameters: generic plans made
    // trigram and JSONB filters hundreds of times slower (see BENCHMARKS.md).
    connection: { plan_cache_mode: "force_custom_plan" },
  });
  return { sql, db: drizzle(sql, { schema }) };
}
