import { eq, sql } from "drizzle-orm";
import type { Connection } from "./client";
import { db, replicaConnection, type Database } from "./index";
import { writeMarks } from "./schema";

/**
 * The one way to choose where a read goes (DATABASE_REPLICA_URL, optional). The list, its counts,
 * the export and the REST API's GETs read through `readDb(reader)`; everything else (writes, reads in
 * write transactions, sign-in, jobs) uses `db`, the primary.
 *
 * Read-your-writes: after a reader's write (a server action, an API write), `noteWrite` keeps the
 * primary's WAL position in `write_marks`. `readDb` gives that reader the replica only once the
 * replica has replayed past it; other readers get the replica whatever its lag. A replica that does
 * not answer is skipped (logged once) until it answers again. With no replica set, `readDb` is the
 * primary and `noteWrite` does nothing.
 */

/** Who reads: a signed-in user, or an API token (each sees its own writes). */
export type Reader = { user: number } | { token: number };

const readerKey = (reader: Reader) => ("user" in reader ? `user:${reader.user}` : `token:${reader.token}`);

/** `16/B374D848` as a number that orders like the position. */
export function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split("/");
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** How long a position read from the replica is used (it only grows: an old one errs towards the primary). */
const POSITION_FRESH_MS = 50;
/** How long a replica that did not answer is left alone before it is asked again. */
const DOWN_RETRY_MS = 1_000;
/** A replica that takes longer than this to say where it is counts as down. */
const PROBE_TIMEOUT_MS = 2_000;

interface Position {
  at: number;
  /** Replayed up to here; null while it does not answer. */
  lsn: Promise<bigint | null>;
}

const state = globalThis as unknown as { __switchboardReplicaPosition?: WeakMap<Connection, Position>; __switchboardReplicaDown?: boolean };
const positions = (state.__switchboardReplicaPosition ??= new WeakMap());

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Where the replica's replay stands: a standby's replay position, or a primary's own WAL end if pointed at one. */
async function askPosition(replica: Connection): Promise<bigint> {
  const [row] = await replica.sql<{ lsn: string | null }[]>`
    select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)::text as lsn`;
  return row?.lsn ? lsnValue(row.lsn) : 0n;
}

function noteReachable(ok: boolean, error?: unknown) {
  if (ok === !state.__switchboardReplicaDown) return;
  state.__switchboardReplicaDown = !ok;
  if (ok) console.info("The read replica answers again: reads go to it again.");
  else console.warn(`The read replica does not answer (${(error as Error)?.message ?? error}): reading from the primary until it does.`);
}

function replicaPosition(replica: Connection): Promise<bigint | null> {
  const now = Date.now();
  const known = positions.get(replica);
  if (known && now - known.at < (state.__switchboardReplicaDown ? DOWN_RETRY_MS : POSITION_FRESH_MS)) return known.lsn;
  const lsn = withTimeout(askPosition(replica), PROBE_TIMEOUT_MS).then(
    (value) => (noteReachable(true), value),
    (error: unknown) => (noteReachable(false, error), null),
  );
  positions.set(replica, { at: now, lsn });
  return lsn;
}

async function lastWrite(reader: Reader): Promise<bigint | null> {
  const [mark] = await db.select({ lsn: writeMarks.lsn }).from(writeMarks).where(eq(writeMarks.reader, readerKey(reader)));
  return mark ? lsnValue(mark.lsn) : null;
}

/** The database a read-only page or API read uses for `reader`: the replica when it may answer, else the primary. */
export async function readDb(reader: Reader): Promise<Database> {
  const replica = replicaConnection();
  if (!replica) return db;
  const [replayed, written] = await Promise.all([replicaPosition(replica), lastWrite(reader)]);
  if (replayed === null) return db;
  return written === null || replayed >= written ? replica.db : db;
}

/**
 * After `reader`'s write has committed: its reads come from the primary until the replica has
 * replayed this far. The insert position, not the flushed one: it is past every committed record
 * even with synchronous_commit off.
 */
export async function noteWrite(reader: Reader): Promise<void> {
  if (!replicaConnection()) return;
  try {
    await db
      .insert(writeMarks)
      .values({ reader: readerKey(reader), lsn: sql`pg_current_wal_insert_lsn()` })
      .onConflictDoUpdate({ target: writeMarks.reader, set: { lsn: sql`greatest(${writeMarks.lsn}, excluded.lsn)`, updatedAt: sql`now()` } });
  } catch (error) {
    // The write itself is done: failing it now would tell the user it was not.
    console.error("Could not note a write for read-your-writes", error);
  }
}

export type ReplicaStatus =
  | { status: "ok"; lagBytes: number; lagSeconds: number; replayPaused: boolean }
  | { status: "unreachable" };

/** The replica's lag behind the primary (for /api/health), or null when no replica is set. */
export async function replicaStatus(): Promise<ReplicaStatus | null> {
  const replica = replicaConnection();
  if (!replica) return null;
  try {
    const [[standby], [primary]] = await withTimeout(
      Promise.all([
        replica.sql<{ lsn: string | null; paused: boolean; sinceReplay: number | null }[]>`
          select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)::text as lsn,
            pg_is_in_recovery() and pg_is_wal_replay_paused() as paused,
            extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp())::float8 as "sinceReplay"`,
        db.execute<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`),
      ]),
      PROBE_TIMEOUT_MS,
    );
    const lagBytes = Number(lsnValue(primary!.lsn) - (standby?.lsn ? lsnValue(standby.lsn) : 0n));
    // Caught up: no lag, however long ago the last transaction was replayed.
    const lagSeconds = lagBytes > 0 ? Math.round((standby?.sinceReplay ?? 0) * 1000) / 1000 : 0;
    return { status: "ok", lagBytes: Math.max(0, lagBytes), lagSeconds, replayPaused: Boolean(standby?.paused) };
  } catch (error) {
    noteReachable(false, error);
    return { status: "unreachable" };
  }
}
