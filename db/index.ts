import { connect, type Connection, type Database } from "./client";

export type { Database, Executor } from "./client";

// One pool per process for the primary, and one for the read replica when DATABASE_REPLICA_URL is
// set, kept on globalThis so that Next's dev reloads do not open new pools each time.
const cache = globalThis as unknown as { __switchboardDb?: Connection; __switchboardReplica?: Connection };

function connection(): Connection {
  if (!cache.__switchboardDb) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `npm start`, which runs an embedded PostgreSQL when no server is given.",
      );
    }
    cache.__switchboardDb = connect(url);
  }
  return cache.__switchboardDb;
}

/**
 * The read replica's pool, or undefined when DATABASE_REPLICA_URL is not set. Only db/replica.ts
 * uses it: everything else reads through `readDb` (which decides whether the replica may answer).
 */
export function replicaConnection(): Connection | undefined {
  const url = process.env.DATABASE_REPLICA_URL;
  if (!url) return undefined;
  // A replica that does not answer is skipped (db/replica.ts), so it may not hold a read for long.
  cache.__switchboardReplica ??= connect(url, { connectTimeout: 2 });
  return cache.__switchboardReplica;
}

/** The Drizzle database on the primary. Resolved lazily so that importing this module never opens a connection. */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const target = connection().db as unknown as Record<PropertyKey, unknown>;
    const value = target[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});

const perPool = new WeakMap<Database, Map<string, unknown>>();

/**
 * What is made once for a pool and kept with it, such as a prepared Drizzle query (which holds the
 * pool it was prepared on): a new pool after closeDb starts afresh. `on` is the pool's database (the
 * primary's by default, or one `readDb` gave); `make` prepares on the database it is handed.
 */
export function poolScoped<T>(key: string, make: (on: Database) => T, on?: Database): T {
  const pool = on === undefined || on === db ? connection().db : on;
  let made = perPool.get(pool);
  if (!made) perPool.set(pool, (made = new Map()));
  if (!made.has(key)) made.set(key, make(pool));
  return made.get(key) as T;
}

export function rawSql() {
  return connection().sql;
}

export async function closeDb() {
  const pools = [cache.__switchboardDb, cache.__switchboardReplica];
  cache.__switchboardDb = undefined;
  cache.__switchboardReplica = undefined;
  await Promise.all(pools.map((c) => c?.sql.end({ timeout: 5 })));
}
