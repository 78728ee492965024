/**
 * The ordered parallel commit: how a job writes its validated batches. The one thing the job calls
 * from write/ (besides the benchmark's phase timer); commit-batch.ts and batch-turn.ts sit behind it.
 *
 * The protocol (BENCHMARKS.md, "Two batches at once", says why and what it measured):
 * - Batches are PLANNED IN PARALLEL: up to `writers` batches are in flight at once, each in its own
 *   transaction on its own connection, each looking up the identifiers of its rows and planning
 *   (plan/) against the database as its transaction sees it, then writing (write-batch.ts). The
 *   next batch is read and validated meanwhile, one ahead.
 * - They are COMMITTED IN FILE ORDER: the checkpoint is a line number and the result files are
 *   appended batch after batch, so a batch appends its rejected and warned rows, advances the
 *   checkpoint and commits only after the batch before it has committed.
 * - A batch's TURN (BatchTurn) is its place in that order, and all a later batch knows of it: the
 *   contacts its current plan merges into (published once it has planned), the server process of
 *   its open transaction, whether it committed, and a promise that settles when it has.
 * - A batch cannot see the rows of the open batches before it, so it guards what it could get
 *   wrong: a plan that reads a contact an earlier open batch merges into waits (holding no lock) for
 *   that batch and plans again; a phone, e-mail, external ID or Contact ID that both add fails on its
 *   unique index, and the later batch plans again once the earlier one has committed.
 * - GIVING WAY: waiting for its turn, a batch holds row locks, and an earlier batch may be waiting
 *   for one of them — a deadlock PostgreSQL cannot see, as the wait for the turn is in JavaScript.
 *   So the waiting batch watches `pg_blocking_pids` of the earlier ones; if it blocks one, it rolls
 *   back (cutting its rows off the result files) and is done again after the batch before it. The
 *   same happens when an earlier batch committed a merge into a contact its plan read.
 * - FAILING: a batch that fails (a race retried MAX_ATTEMPTS times, or any other error) or stops
 *   (the job was cancelled, or another worker took it) ends its turn without committing; every later
 *   batch then rolls back too (it cannot commit before it). All batches in flight are waited for,
 *   then the oldest failure is what the caller gets. The checkpoint still points after the last batch
 *   that committed, so a resumed job starts there.
 *
 * With one writer none of this happens: each batch plans, writes and commits before the next one
 * starts (the plain path: read `commitBatch` with `earlier` empty).
 */
import { BatchTurn } from "./batch-turn";
import { commitBatch, StopBatch, type JobContext } from "./commit-batch";
import type { ValidatedBatch } from "../validate/validated-batches";
import { timed } from "./phase-timer";

export type { JobContext };

export interface OrderedCommitOptions {
  /** Rows already committed (a resumed job): the checkpoint the first batch expects to find. */
  processed: number;
  /** Batches in flight at once. */
  writers: number;
  /** Called after each committed batch (tests use it to kill a job half-way). */
  afterBatch?: (batch: number, processedRows: number) => void | Promise<void>;
}

/** How it ended: every batch committed (`processed` rows in all), or the job stopped half-way. */
export type OrderedCommitResult = { stopped: false; processed: number } | { stopped: "cancelled" | "busy" };

/**
 * Commits `batches` in file order, `writers` at a time (the protocol above). Throws the first error
 * of a batch, or of reading the file once the batches before the read error have landed. Closes
 * `batches` however it ends.
 */
export async function commitInFileOrder(job: JobContext, batches: AsyncGenerator<ValidatedBatch>, options: OrderedCommitOptions): Promise<OrderedCommitResult> {
  const { writers } = options;
  const timer = job.timer;
  let processed = options.processed;
  let batchNo = 0;
  let dispatched = processed;
  const flights: { turn: BatchTurn; work: Promise<void> }[] = [];
  // Waits for the oldest batch in flight; a batch that failed or stopped makes the later ones
  // abort (they cannot commit before it), so all are waited for before its error goes on.
  const land = async () => {
    const oldest = flights.shift()!;
    try {
      await oldest.work;
    } catch (error) {
      await Promise.allSettled(flights.splice(0).map((f) => f.work));
      throw error;
    }
  };
  // One batch read and validated ahead. Reading as many ahead as there are writers measured no faster
  // and kept two batches more in memory (each 10 000 rows is ~25 MB of live objects).
  const ahead: Promise<IteratorResult<ValidatedBatch>>[] = [];
  const readAhead = () => {
    if (ahead.length) return;
    const next = batches.next();
    next.catch(() => {});
    ahead.push(next);
  };
  try {
    // The next batches are read and validated while the current ones are being written (Node and
    // PostgreSQL work side by side); a read error surfaces once the batches before it have landed.
    for (;;) {
      readAhead();
      const current = await timed(timer, "waiting for the next validated batch", ahead.shift()!).catch(async (error: unknown) => {
        while (flights.length) await land();
        throw error;
      });
      if (current.done) break;
      const batch = current.value;
      readAhead();
      while (flights.length >= writers) await land();
      // The newest batch in flight has a plan the next one can compare its own with.
      if (flights.length) await flights.at(-1)!.turn.planned;
      const turn = new BatchTurn(++batchNo);
      const no = batchNo;
      const work = commitBatch(job, batch, dispatched, turn, flights.map((f) => f.turn))
        .then(async () => {
          processed += batch.size;
          await options.afterBatch?.(no, processed);
        })
        .then(
          () => turn.finish(),
          (error: unknown) => {
            turn.finish(error);
            throw error;
          },
        );
      work.catch(() => {});
      flights.push({ turn, work });
      dispatched += batch.size;
    }
    while (flights.length) await land();
  } catch (error) {
    if (error instanceof StopBatch) return { stopped: error.reason };
    throw error;
  } finally {
    await Promise.allSettled(flights.map((f) => f.work));
    // Stops reading the file (closes it) however the loop ended.
    await Promise.allSettled(ahead);
    await batches.return(undefined);
  }
  return { stopped: false, processed };
}
