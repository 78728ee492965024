import { sql } from "drizzle-orm";
import type { Executor } from "./client";

/**
 * Settings for a transaction that writes thousands of rows set-wise (a merge, a bulk chunk, an
 * import batch), local to it, in one round trip. The connection forces custom plans
 * (db/client.ts) for the list's sake, which also re-plans the foreign-key check PostgreSQL runs
 * for every written row: moving 9 600 activities took 175 ms so and 63 ms with the plan cache's
 * usual mode. JIT compiling a statement the planner thinks costly took 30 ms for a 5 ms read.
 */
export async function useSetWiseSettings(tx: Executor, options: { lockTimeoutMs?: number } = {}): Promise<void> {
  const lockTimeout = options.lockTimeoutMs === undefined ? null : `${options.lockTimeoutMs}ms`;
  await tx.execute(sql`
    select set_config('lock_timeout', coalesce(${lockTimeout}, current_setting('lock_timeout')), true),
           set_config('plan_cache_mode', 'auto', true),
           set_config('jit', 'off', true)`);
}
