// Raw postgres.js for speed: one transaction per batch on its own connection, with set-wise settings, the checkpoint's row lock and pg_blocking_pids.
import type postgres from "postgres";
import type { ImportCheckpoint } from "@/db/schema";
import { useSetWiseSettingsRaw } from "@/db/set-wise";
import { isRetryable, isUniqueViolation, pgError } from "@/lib/errors";
import { overlaps, type BatchTurn } from "./batch-turn";
import type { RejectedRow } from "../read/error-csv";
import type { ValidatedBatch } from "../validate/validated-batches";
import type { ExistingContactMode } from "../validate/job-options";
import { identifiersOf, lookupIdentifiers } from "../plan/lookup";
import { countOutcomes, planBatch, type BatchPlan, type OutcomeCounts } from "../plan/plan-batch";
import { timed, type PhaseTimer } from "./phase-timer";
import type { ResultFile } from "../job/result-files";
import { writeBatch } from "./write-batch";

const MAX_ATTEMPTS = 4;

export class StopBatch extends Error {
  constructor(readonly reason: "cancelled" | "busy") {
    super(reason);
  }
}

/** An earlier batch of the same run did not commit: this one cannot either (the job stops or restarts there). */
export class EarlierBatchFailed extends Error {
  constructor() {
    super("An earlier batch of this import did not commit.");
  }
}

/** An earlier batch waits for a lock of this one, or committed changes to a contact this one's plan rests on: do this batch again after it. */
class RedoAfterPrevious extends Error {}

export interface JobContext {
  sql: postgres.Sql;
  jobId: string;
  fileName: string;
  actor: { id: number; label: string };
  mode: ExistingContactMode;
  errors: ResultFile;
  warnings: ResultFile;
  /** Tables written to (the job analyzes them at the end). */
  touched: Set<string>;
  timer?: PhaseTimer;
}

const mergeTargets = (plan: BatchPlan) => new Set(plan.contacts.flatMap((c) => (c.contactId === null ? [] : [c.contactId])));

/**
 * One batch, one transaction: plan against the database as it is now, write, then — once the
 * batch before it has committed — append the result files and advance the checkpoint. Retried
 * whole on a race. Throws StopBatch when the job was cancelled or taken by another worker, and
 * EarlierBatchFailed when a batch before it did not commit. `earlier` are the batches before it
 * that were still in flight when it started, oldest first (the last one is the batch just before it).
 *
 * Written while an earlier batch is still open, a batch cannot see that batch's rows, yet it must
 * leave exactly what it would have left after it. What it could get wrong is guarded: a phone,
 * e-mail, external ID or Contact ID both add fails on its unique index (after waiting for the
 * earlier one to commit), and the batch is planned again; a batch whose plan rests on a contact
 * that an earlier open batch merges into waits for that batch and looks again before writing (or,
 * if that batch planned again meanwhile, is done again once it has committed).
 */
export async function commitBatch(
  job: JobContext,
  batch: ValidatedBatch,
  expected: number,
  turn: BatchTurn,
  earlier: readonly BatchTurn[],
): Promise<void> {
  const { sql, timer, errors, warnings } = job;
  const previous = earlier.at(-1);
  const afterPrevious = async () => {
    if (!previous) return;
    try {
      await previous.done;
    } catch {
      throw new EarlierBatchFailed();
    }
  };
  for (let attempt = 1; ; ) {
    let appended = false;
    try {
      let committing = 0;
      await sql.begin(async (tx) => {
        // A server crash may lose the last few batches' commits, and their checkpoint with them (WAL
        // keeps the order): the job then simply does those batches again. Saves a WAL flush per batch.
        await useSetWiseSettingsRaw(tx);
        const [state] = await timed(timer, "begin", tx<{ status: string; pid: number }[]>`
          select status, set_config('synchronous_commit', 'off', true), pg_backend_pid() as pid
          from import_jobs where id = ${job.jobId}`);
        if (state?.status !== "running") throw new StopBatch("cancelled");
        turn.pid = state.pid;

        let plan: BatchPlan;
        let read: Set<number>;
        let unseen: BatchTurn[];
        for (;;) {
          // Earlier batches still open when the lookup starts: their rows are invisible to it.
          unseen = earlier.filter((t) => !t.committed);
          if (unseen.some((t) => t.failed)) throw new EarlierBatchFailed();
          const planning = unseen.find((t) => t.targets === null);
          if (planning) {
            await planning.planned;
            continue;
          }
          const lookup = await timed(timer, "lookup", lookupIdentifiers(tx, identifiersOf(batch.records), { jobId: job.mode === "skip" ? job.jobId : undefined }));
          const t0 = performance.now();
          plan = planBatch(batch.records, lookup, job.mode);
          timer?.("plan", performance.now() - t0);
          // Every contact the plan was made from (it merges into some, names others in warnings).
          read = new Set(lookup.contactIds);
          if (!unseen.some((t) => t.targets !== null && overlaps(t.targets, read))) break;
          // Holds no row lock yet: waiting here in JavaScript cannot hang anyone.
          await timed(timer, "waiting for the previous batch", afterPrevious());
        }
        turn.publish(mergeTargets(plan));

        const written = await writeBatch(tx, plan.contacts, { jobId: job.jobId, fileName: job.fileName, actor: job.actor, batch: turn.batchNo, timer });
        for (const table of written.tables) job.touched.add(table);

        if (previous) {
          await timed(timer, "waiting for the previous batch", waitForTurn(tx, earlier, state.pid));
          if (unseen.some((t) => overlaps(t.committedTargets ?? new Set(), read))) throw new RedoAfterPrevious();
        }

        const [locked] = await tx<{ status: string; processed_rows: number }[]>`
          select status, processed_rows from import_jobs where id = ${job.jobId} for update`;
        if (locked?.status !== "running") throw new StopBatch("cancelled");
        if (locked.processed_rows !== expected) throw new StopBatch("busy");

        const failed: RejectedRow[] = [...batch.rejected];
        const warned: RejectedRow[] = [];
        for (const row of plan.rows) {
          const values = batch.values.get(row.line)!;
          if (row.outcome === "failed") failed.push({ line: row.line, values, error: row.message ?? "" });
          if (row.warnings.length) warned.push({ line: row.line, values, error: row.warnings.join(" ") });
        }
        failed.sort((a, b) => a.line - b.line);
        appended = true;
        await timed(timer, "result files", Promise.all([errors.append(failed), warnings.append(warned)]));
        const counts: OutcomeCounts = countOutcomes(plan.rows);
        counts.failed += batch.rejected.length;
        const checkpoint: ImportCheckpoint = { line: batch.lastLine, errorBytes: errors.bytes, warningBytes: warnings.bytes };
        await timed(timer, "checkpoint", tx`
          update import_jobs set
            processed_rows = processed_rows + ${batch.size},
            created_count = created_count + ${counts.created},
            merged_count = merged_count + ${counts.merged},
            skipped_count = skipped_count + ${counts.skipped},
            failed_count = failed_count + ${counts.failed},
            warning_count = warning_count + ${counts.warnings},
            checkpoint = ${JSON.stringify(checkpoint)}::jsonb,
            last_error = null
          where id = ${job.jobId}`);
        committing = performance.now();
      });
      turn.pid = null;
      timer?.("commit", performance.now() - committing);
      turn.markCommitted();
      errors.commit();
      warnings.commit();
      return;
    } catch (error) {
      turn.pid = null;
      // Only the batch whose turn it is appends, so only it may cut the files back.
      if (appended) {
        await errors.rollback();
        await warnings.rollback();
      }
      if (error instanceof StopBatch || error instanceof EarlierBatchFailed) throw error;
      turn.replan();
      if (error instanceof RedoAfterPrevious) {
        await afterPrevious();
        continue;
      }
      // Between the lookup and the write, someone else took an identifier, a generated Contact ID
      // collided, or a contact the plan merges into was merged away or deleted (its new rows' foreign
      // key fails, as in lib/bulk/run.ts): plan again.
      if ((isRetryable(error) || isUniqueViolation(error) || pgError(error)?.code === "23503") && attempt < MAX_ATTEMPTS) {
        attempt++;
        // Once the batch before has committed its rows are visible: the next attempt sees what it clashed with.
        await afterPrevious();
        continue;
      }
      throw error;
    }
  }
}

const sleep = (ms: number) => new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));

/**
 * Waits for the previous batch to commit. This batch holds row locks by now, and an earlier one may
 * be waiting for one of them (both added the same phone, say) — directly or through someone else's
 * transaction — while the batches between wait for their turn in JavaScript, where PostgreSQL's
 * deadlock detector cannot see them. So while it waits, this batch looks whether any earlier batch
 * is blocked by it, and if so gives way: it rolls back and is done again after the previous one.
 */
async function waitForTurn(tx: postgres.TransactionSql, earlier: readonly BatchTurn[], pid: number): Promise<void> {
  const done = earlier.at(-1)!.done.then(
    () => true,
    () => {
      throw new EarlierBatchFailed();
    },
  );
  // Left behind when this batch gives way: its later rejection is nobody's to handle.
  done.catch(() => {});
  for (let delay = 2; ; delay = Math.min(delay * 2, 40)) {
    if (await Promise.race([done, sleep(delay)])) return;
    const waiting = earlier.flatMap((t) => (t.pid === null ? [] : [t.pid]));
    if (!waiting.length) continue;
    const [row] = await tx<{ blocked: boolean }[]>`
      with recursive chain(pid) as (
        select unnest(pg_blocking_pids(w)) from unnest(${waiting}::int[]) w
        union
        select unnest(pg_blocking_pids(chain.pid)) from chain
      )
      select ${pid}::int in (select pid from chain) as blocked`;
    if (row?.blocked) throw new RedoAfterPrevious();
  }
}
