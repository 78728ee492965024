import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { Executor } from "./client";

/**
 * Settings for a transaction that writes thousands of rows set-wise (a merge, a bulk chunk, an
 * import batch), local to it. The connection forces custom plans (db/client.ts) for the list's
 * sake, which also re-plans the foreign-key check PostgreSQL runs for every written row: moving
 * 9 600 activities took 175 ms so and 63 ms with the plan cache's usual mode. JIT compiling a
 * statement the planner thinks costly took 30 ms for a 5 ms read.
 */
const SET_WISE_CONFIG = "set_config('plan_cache_mode', 'auto', true), set_config('jit', 'off', true)";

/** The set-wise settings (and a lock timeout, when given) for a Drizzle transaction, in one round trip. */
export async function useSetWiseSettings(tx: Executor, options: { lockTimeoutMs?: number } = {}): Promise<void> {
  const lockTimeout = options.lockTimeoutMs === undefined ? null : `${options.lockTimeoutMs}ms`;
  await tx.execute(sql`
    select set_config('lock_timeout', coalesce(${lockTimeout}, current_setting('lock_timeout')), true), ${sql.raw(SET_WISE_CONFIG)}`);
}

/** The same for a postgres.js transaction (the import's batches and the benchmarks' raw baselines). */
export async function useSetWiseSettingsRaw(tx: postgres.TransactionSql): Promise<void> {
  await tx.unsafe(`select ${SET_WISE_CONFIG}`);
}
