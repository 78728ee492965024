import { sql } from "drizzle-orm";

/**
 * A condition that is always true, for the WHERE of a bookkeeping statement run on its own: it
 * turns `synchronous_commit` off for that statement's transaction, so its commit does not wait for
 * the WAL to reach the disk. Only for what a crash may lose the last moment of, never for data: an
 * API token's request count and its "last used". PostgreSQL still applies commits in order; at worst
 * the last fraction of a second is gone after a crash. The door of /api/v1 waited for two such
 * flushes on every request: 6.1 ms for the pair at the median, 0.7 ms without (BENCHMARKS.md, "API"). Inside a caller's
 * transaction it would apply to all of it: use it only in statements that stand alone.
 */
export const WITHOUT_WAITING_FOR_DISK = sql`set_config('synchronous_commit', 'off', true) is not null`;
