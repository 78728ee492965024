import net from "node:net";
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

interface SocketOptions {
  host: string[];
  port: number[];
  path?: string;
}

/**
 * A TCP connection with Nagle's algorithm off, as node-postgres has it. postgres.js leaves it on,
 * and then the last small message of a COPY waits for the server's delayed ACK: about 40 ms per
 * COPY (two 3 000-row COPYs in a transaction measured 88 ms with it, 7 ms without).
 */
function noDelaySocket(options: SocketOptions): net.Socket {
  // Handed over while still connecting: a failed connect then reaches postgres.js as the socket's
  // 'error' and 'close', as with its own sockets. (A rejected promise instead left the connection
  // "connecting" for good, and every query given to it hung after PostgreSQL restarted.)
  const socket = options.path ? net.connect(options.path) : net.connect({ host: options.host[0]!, port: options.port[0]! });
  socket.setNoDelay(true);
  return socket;
}

/** Connections of a pool unless the caller asks for fewer (the app's own pool has this many). */
export const POOL_MAX = 10;

export function connect(url: string, options: { max?: number; connectTimeout?: number } = {}): Connection {
  const sql = postgres(url, {
    max: options.max ?? POOL_MAX,
    // Seconds; postgres.js waits 30 by default.
    ...(options.connectTimeout ? { connect_timeout: options.connectTimeout } : {}),
    // Not in postgres.js's types, but a documented option ("Custom socket").
    ...({ socket: noDelaySocket } as object),
    onnotice: () => {},
    // postgres.js waits up to 20 s between reconnects once the pool's connections have failed a few
    // times (3^n/100 s), so after PostgreSQL restarts, pages hung for that long before erroring or
    // recovering. At most a second: requests fail fast while it is down and serve as soon as it is back.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    // Prepared statements are kept, but planned for their actual parameters: generic plans made
    // trigram and JSONB filters hundreds of times slower (see BENCHMARKS.md).
    connection: { plan_cache_mode: "force_custom_plan" },
  });
  return { sql, db: drizzle(preparing(sql), { schema }) };
}

/**
 * Statements with at most this many parameters are prepared. Their texts are a bounded few per call
 * site; longer ones (long IN lists, multi-row inserts) would leave a prepared statement per length
 * on every connection, so they keep the unnamed path.
 */
export const PREPARE_MAX_PARAMS = 16;

type Unsafe = postgres.Sql["unsafe"];

/**
 * The client as Drizzle is given it. Drizzle sends each statement through `unsafe` unprepared, and
 * postgres.js then asks PostgreSQL for the parameters' types first, a round trip of its own, before
 * PostgreSQL parses the text again: two round trips and a parse per statement. Prepared (once per
 * connection), a statement is one round trip. Transactions and savepoints hand Drizzle a client of
 * their own, wrapped the same way.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return ((text: string, params: unknown[] = [], options: { prepare?: boolean } = {}) =>
          (target.unsafe as Unsafe)(text, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: options.prepare || params.length <= PREPARE_MAX_PARAMS })) as Unsafe;
      }
      if (prop === "begin" || prop === "savepoint") {
        const open = Reflect.get(target, prop, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return open.call(target, ...args, (tx: postgres.TransactionSql) => work(preparing(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}
