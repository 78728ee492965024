import { connect, type Connection, type Database } from "./client";

export type { Database, Executor } from "./client";

// One pool per process, kept on globalThis so that Next's dev reloads do not open a new pool each time.
const cache = globalThis as unknown as { __switchboardDb?: Connection };

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

/** The Drizzle database. Resolved lazily so that importing this module never opens a connection. */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const target = connection().db as unknown as Record<PropertyKey, unknown>;
    const value = target[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});

const perPool = new WeakMap<Connection, Map<string, unknown>>();

/**
 * What is made once for this process's pool and kept with it, such as a prepared Drizzle query (which
 * holds the pool it was prepared on): a new pool after closeDb starts afresh.
 */
export function poolScoped<T>(key: string, make: () => T): T {
  const pool = connection();
  let made = perPool.get(pool);
  if (!made) perPool.set(pool, (made = new Map()));
  if (!made.has(key)) made.set(key, make());
  return made.get(key) as T;
}

export function rawSql() {
  return connection().sql;
}

export async function closeDb() {
  const c = cache.__switchboardDb;
  cache.__switchboardDb = undefined;
  await c?.sql.end({ timeout: 5 });
}
