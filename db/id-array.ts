import { sql, type SQL } from "drizzle-orm";

/**
 * A list of ids as one bound `bigint[]` parameter: Drizzle would spread a JS array into one
 * parameter per id, and thousands of them would not fit a statement. Only safe integers get here.
 */
export function idArray(ids: readonly number[]): SQL {
  return sql`${`{${ids.join(",")}}`}::bigint[]`;
}
