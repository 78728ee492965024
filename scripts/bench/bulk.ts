/**
 * Benchmark of issue 7, on the seeded database (scripts/bench/seed-large.ts): each figure beside
 * its raw-SQL baseline from the same run on the same server.
 *  - bulk.filter: count and first page of a 3-condition filter through listContacts (p95 over
 *    varied filters), the same statements replayed raw;
 *  - bulk.add_tag: a tag added to up to 100 000 matching contacts through startBulkAction +
 *    runBulkJob (ids fixed, chunks, timeline entries, audit) vs one INSERT … SELECT … ON CONFLICT;
 *  - bulk.delete: 100 000 fresh contacts (B-DEL-*, with identifiers, a tag and a timeline entry
 *    each) deleted through the job vs one DELETE;
 *  - bulk.export: every contact through the export generator (default columns) vs COPY … TO STDOUT
 *    of the same columns, rows per second, peak RSS.
 * Everything it adds is removed at the end; the seed stays as it was.
 */
import { randomInt } from "node:crypto";
import { sql as dsql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { connect } from "../../db/client";
import * as schema from "../../db/schema";
import { useSetWiseSettings } from "../../db/set-wise";
import type { CurrentUser } from "../../lib/auth/session";
import { startBulkAction } from "../../lib/bulk/start";
import { DEFAULT_COLUMNS, listColumns } from "../../lib/contacts/columns";
import { listContacts } from "../../lib/contacts/list";
import { DEFAULT_LIST_PARAMS } from "../../lib/contacts/list-params";
import { exportColumns } from "../../lib/export/columns";
import { exportCsv } from "../../lib/export/csv";
import { compileFilter } from "../../lib/filters/compile";
import { filterFields } from "../../lib/filters/fields";
import type { Filter } from "../../lib/filters/schema";
import { figure, round, timed, type Figure } from "./stats";
import { deleteBenchAuditEntries } from "./erase-audit";

export interface BulkBenchOptions {
  /** Filters timed for bulk.filter (≥ 30). */
  runs: number;
  /** Runs of each 100 000-contact job and its raw statement. */
  bulkRuns: number;
  /** Contacts the add-tag and delete figures work on (100 000 by default; capped by the seed for tagging). */
  target?: number;
  /** The database, for the export's COPY baseline on a connection of its own (default DATABASE_URL). */
  url?: string;
  log: (message: string) => void;
}

export interface WorkFigure extends Figure {
  contacts: number;
  ratio: number;
}

export interface ExportFigure {
  name: "bulk.export";
  rows: number;
  rows_per_s: number;
  copy_rows_per_s: number;
  ratio: number;
  bytes: number;
  /** RSS when the export starts, and the most it reached while running: flat memory keeps them close. */
  start_rss_mb: number;
  peak_rss_mb: number;
}

type Db = PostgresJsDatabase<typeof schema>;
const TARGET = 100_000;

async function benchUser(db: Db): Promise<CurrentUser> {
  const email = "bulk-bench@bench.invalid";
  await db.execute(dsql`
    insert into users (name, email, role, password_hash) values ('Bulk Bench', ${email}, 'supervisor', 'x')
    on conflict do nothing`);
  const [user] = await db.execute<{ id: string; name: string; email: string }>(dsql`select id, name, email from users where lower(email) = ${email}`);
  return { id: Number(user!.id), name: user!.name, email: user!.email, role: "supervisor" };
}

/** Figure (a): a 3-condition filter, counted and paged by the list, vs the same statements raw. */
async function benchFilter(sql: postgres.Sql, opts: BulkBenchOptions): Promise<Figure> {
  const captured: { text: string; params: unknown[] }[] = [];
  const db = drizzle(sql, { schema, logger: { logQuery: (text, params) => captured.push({ text, params }) } });
  const attributes = await db.select().from(schema.attributeDefinitions);
  const fields = filterFields(attributes);
  const columns = listColumns(attributes);
  const tagRows = await db.select({ id: schema.tags.id, name: schema.tags.name }).from(schema.tags);
  const tagIds = tagRows.filter((t) => t.name.startsWith("Bench tag ")).map((t) => t.id);
  const countries = ["DE", "US", "FR", "IN", "GB"];
  const plans = ["Free", "Pro", "Enterprise"];
  const filterOf = (i: number): Filter => {
    const tag = tagIds[i % tagIds.length]!;
    if (i % 3 === 2) {
      return {
        join: "and",
        conditions: [
          { field: "attr:bench_plan", op: "any_of", value: [plans[i % 3]!] },
          { field: "attr:bench_score", op: "gt", value: (i * 7919) % 90_000 },
          { field: "leadStage", op: "any_of", value: ["lead", "customer"] },
        ],
      };
    }
    // The issue's example: tag has any of X AND country is … AND last interaction more than N days ago.
    return {
      join: "and",
      conditions: [
        { field: "tags", op: "has_any", value: [tag, tagIds[(i + 7) % tagIds.length]!] },
        { field: "country", op: "any_of", value: [countries[i % countries.length]!] },
        { field: "lastInteractionAt", op: "more_than_days_ago", value: 1 + (i % 200) },
      ],
    };
  };
  const lib: number[] = [];
  const raw: number[] = [];
  for (let i = -3; i < opts.runs; i++) {
    const where = compileFilter(filterOf(Math.abs(i)), { fields, userId: 1 });
    const perRowWhere = compileFilter(filterOf(Math.abs(i)), { fields, userId: 1, perRow: true });
    captured.length = 0;
    const [libMs] = await timed(() =>
      listContacts(db, DEFAULT_LIST_PARAMS, { columns, visible: [...DEFAULT_COLUMNS], defaultCountry: "US", where, perRowWhere }),
    );
    const statements = [...captured];
    const [rawMs] = await timed(async () => {
      for (const s of statements) await sql.unsafe(s.text, s.params as postgres.ParameterOrJSON<never>[]);
    });
    if (i >= 0) {
      lib.push(libMs);
      raw.push(rawMs);
    }
  }
  const f = figure("bulk.filter", lib, raw);
  opts.log(`bulk.filter: median ${f.median_ms} ms, p95 ${f.p95_ms} ms (raw ${f.raw_median_ms} / ${f.raw_p95_ms})`);
  return f;
}

/** A filter matching about `target` seeded contacts (all of them when the seed is no bigger). */
function targetFilter(seeded: number, target: number): Filter {
  if (seeded <= target) return { join: "and", conditions: [{ field: "contactKey", op: "starts_with", value: "B-" }] };
  // bench_score is uniform over 0…99 999 on 80 % of the contacts.
  const threshold = Math.round((100_000 * target) / (0.8 * seeded));
  return { join: "and", conditions: [{ field: "attr:bench_score", op: "lt", value: threshold }] };
}

/** Both timings of a run, taking turns at going first so that neither always meets a warmer cache. */
async function alternate(run: number, job: () => Promise<number>, raw: () => Promise<number>): Promise<[number, number]> {
  if (run % 2 === 0) {
    const j = await job();
    return [j, await raw()];
  }
  const r = await raw();
  return [await job(), r];
}

function workFigure(name: string, contacts: number, lib: number[], raw: number[]): WorkFigure {
  const f = figure(name, lib, raw);
  return { ...f, contacts, ratio: round(f.median_ms / f.raw_median_ms) };
}

/** Figure (b): one tag onto ~100 000 matching contacts, job vs raw INSERT … SELECT, a fresh tag each time. */
async function benchAddTag(sql: postgres.Sql, db: Db, user: CurrentUser, seeded: number, opts: BulkBenchOptions, cleanup: Cleanup): Promise<WorkFigure> {
  const attributes = await db.select().from(schema.attributeDefinitions);
  const filter = targetFilter(seeded, opts.target ?? TARGET);
  const where = compileFilter(filter, { fields: filterFields(attributes), userId: user.id })!;
  const lib: number[] = [];
  const raw: number[] = [];
  let contacts = 0;
  for (let run = 0; run < opts.bulkRuns; run++) {
    const [jobTag, rawTag] = await newTags(db, 2, cleanup);
    const viaJob = async () => {
      const [ms, job] = await timed(() =>
        startBulkAction({ selection: { all: { filter } }, change: { action: "add_tags", tagIds: [jobTag!] } }, user, { inlineLimit: Infinity }),
      );
      if (job.status !== "completed") throw new Error(`bulk.add_tag job ended ${job.status}: ${job.lastError}`);
      cleanup.jobs.push(job.id);
      contacts = job.total;
      return ms;
    };
    // The raw statement runs with the job's set-wise settings (db/set-wise.ts), like for like.
    const viaRaw = async () =>
      (
        await timed(() =>
          db.transaction(async (tx) => {
            await useSetWiseSettings(tx);
            await tx.execute(dsql`insert into contact_tags (contact_id, tag_id) select c.id, ${rawTag!}::bigint from contacts c where ${where} on conflict do nothing`);
          }),
        )
      )[0];
    const [jobMs, rawMs] = await alternate(run, viaJob, viaRaw);
    lib.push(jobMs);
    raw.push(rawMs);
    opts.log(`bulk.add_tag run ${run + 1}: job ${Math.round(jobMs)} ms, raw ${Math.round(rawMs)} ms (${contacts} contacts)`);
    await sql`vacuum analyze contact_tags, activities, bulk_job_items`;
  }
  return workFigure("bulk.add_tag", contacts, lib, raw);
}

/** `n` contacts B-DEL-<stamp>-n with a phone, an e-mail, a tag and a timeline entry each; triggers off, as the seed does. */
async function deletableSet(sql: postgres.Sql, tagId: number, n: number): Promise<string> {
  const stamp = `B-DEL-${Date.now().toString(36)}${randomInt(1e6).toString(36)}-`;
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`insert into contacts (contact_key, first_name, last_name, company) select ${stamp} || g, 'Del', 'Person ' || g, 'Delete Co' from generate_series(1, ${n}) g`;
    const like = `${stamp}%`;
    await tx`insert into contact_phones (contact_id, e164, is_primary) select id, '+882' || (1000000000 + id), true from contacts where contact_key like ${like}`;
    await tx`insert into contact_emails (contact_id, email, email_normalized, is_primary) select id, 'del' || id || '@bench.invalid', 'del' || id || '@bench.invalid', true from contacts where contact_key like ${like}`;
    await tx`insert into contact_tags (contact_id, tag_id) select id, ${tagId} from contacts where contact_key like ${like}`;
    await tx`insert into activities (contact_id, type, summary) select id, 'created', 'Bench delete set' from contacts where contact_key like ${like}`;
  });
  await sql`analyze contacts`;
  return stamp;
}

/** Figure (c): 100 000 fresh contacts deleted (moved to Trash) through the job vs one UPDATE with the same predicate. */
async function benchDelete(sql: postgres.Sql, db: Db, user: CurrentUser, opts: BulkBenchOptions, cleanup: Cleanup): Promise<WorkFigure> {
  const attributes = await db.select().from(schema.attributeDefinitions);
  const fields = filterFields(attributes);
  const [tag] = await newTags(db, 1, cleanup);
  const target = opts.target ?? TARGET;
  const lib: number[] = [];
  const raw: number[] = [];
  for (let run = 0; run < opts.bulkRuns; run++) {
    const [jobSet, rawSet] = [await deletableSet(sql, tag!, target), await deletableSet(sql, tag!, target)];
    const filterOf = (stamp: string): Filter => ({ join: "and", conditions: [{ field: "contactKey", op: "starts_with", value: stamp }] });
    const viaJob = async () => {
      const [ms, job] = await timed(() =>
        startBulkAction({ selection: { all: { filter: filterOf(jobSet) } }, change: { action: "delete", confirmCount: target } }, user, { inlineLimit: Infinity }),
      );
      if (job.status !== "completed") throw new Error(`bulk.delete job ended ${job.status}: ${job.lastError}`);
      cleanup.jobs.push(job.id);
      return ms;
    };
    const viaRaw = async () => {
      const where = compileFilter(filterOf(rawSet), { fields, userId: user.id })!;
      return (
        await timed(() =>
          db.transaction(async (tx) => {
            await useSetWiseSettings(tx);
            // What a delete is now (SPEC §9): the move to Trash, one UPDATE with the same predicate.
            await tx.execute(dsql`
              update contacts c set trashed_at = now(), trashed_by_id = ${user.id}::bigint, updated_at = now(), version = c.version + 1
              where ${where} and c.trashed_at is null`);
          }),
        )
      )[0];
    };
    const [jobMs, rawMs] = await alternate(run, viaJob, viaRaw);
    lib.push(jobMs);
    raw.push(rawMs);
    opts.log(`bulk.delete run ${run + 1}: job ${Math.round(jobMs)} ms, raw ${Math.round(rawMs)} ms`);
    await sql`vacuum analyze contacts, contact_phones, contact_emails, contact_tags, activities, bulk_job_items`;
  }
  return workFigure("bulk.delete", target, lib, raw);
}

/** Binds become literals, for COPY (which takes no parameters). Bench-only: the values are our own. */
function inline(query: SQL): string {
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    return typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

/** Figure (d): every contact through the export generator vs COPY of the same columns. */
async function benchExport(sql: postgres.Sql, db: Db, opts: BulkBenchOptions): Promise<ExportFigure> {
  const attributes = await db.select().from(schema.attributeDefinitions);
  const columns = exportColumns([...DEFAULT_COLUMNS], attributes);
  const plan = { where: dsql`true`, columns };
  const start = process.memoryUsage().rss;
  let peak = start;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  let bytes = 0;
  let rows = 0;
  const [exportMs] = await timed(async () => {
    const csv = exportCsv(db, plan, { bom: true });
    for (let next = await csv.next(); ; next = await csv.next()) {
      if (next.done) {
        rows = next.value;
        break;
      }
      bytes += Buffer.byteLength(next.value);
    }
  });
  clearInterval(sample);
  const cells = dsql.join(columns.map((c) => c.expr), dsql`, `);
  const copy = `copy (${inline(dsql`select ${cells} from contacts c where ${plan.where} order by c.id`)}) to stdout with (format csv)`;
  let copyBytes = 0;
  // A connection of its own, closed afterwards: postgres.js can leave a connection's socket paused
  // after a COPY … TO stream (porsager/postgres#499, fix pending in #1016), and the pool's next
  // query on it then waits for ever (it hung this benchmark's tidy-up about once in 30 runs).
  const own = connect(opts.url ?? process.env.DATABASE_URL!, { max: 1 });
  let copyMs: number;
  try {
    await own.sql`select 1`;
    [copyMs] = await timed(async () => {
      const stream = await own.sql.unsafe(copy).readable();
      for await (const chunk of stream) copyBytes += (chunk as Buffer).length;
    });
  } finally {
    await own.sql.end({ timeout: 1 });
  }
  const f: ExportFigure = {
    name: "bulk.export",
    rows,
    rows_per_s: Math.round(rows / (exportMs / 1000)),
    copy_rows_per_s: Math.round(rows / (copyMs / 1000)),
    ratio: round(copyMs / exportMs),
    bytes,
    start_rss_mb: Math.round(start / 2 ** 20),
    peak_rss_mb: Math.round(peak / 2 ** 20),
  };
  opts.log(`bulk.export: ${rows} rows, ${f.rows_per_s} rows/s (COPY ${f.copy_rows_per_s} rows/s, ${copyBytes} bytes), ratio ${f.ratio}, RSS ${f.start_rss_mb} MB at the start, peak ${f.peak_rss_mb} MB`);
  return f;
}

interface Cleanup {
  tags: number[];
  jobs: string[];
}

async function newTags(db: Db, n: number, cleanup: Cleanup): Promise<number[]> {
  const stamp = `${Date.now().toString(36)}${randomInt(1e6).toString(36)}`;
  const rows = await db.execute<{ id: string }>(dsql`insert into tags (name) select 'Bulk bench ' || ${stamp} || ' ' || g from generate_series(1, ${n}) g returning id`);
  const ids = rows.map((r) => Number(r.id));
  cleanup.tags.push(...ids);
  return ids;
}

/** Runs the parts named in `parts` (filter, add_tag, delete, export; all by default) and cleans up after itself. */
export async function benchBulk(sql: postgres.Sql, opts: BulkBenchOptions, parts = new Set(["filter", "add_tag", "delete", "export"])): Promise<(Figure | WorkFigure | ExportFigure)[]> {
  const db = drizzle(sql, { schema });
  const user = await benchUser(db);
  const [{ n: seeded }] = (await sql`select count(*)::int as n from contacts where contact_key like 'B-%' and contact_key not like 'B-DEL-%'`) as unknown as [{ n: number }];
  const cleanup: Cleanup = { tags: [], jobs: [] };
  const figures: (Figure | WorkFigure | ExportFigure)[] = [];
  // Each part leaves the seed as it found it, so the next one (the export above all) reads the same data.
  const tidy = async () => {
    const jobs = `{${cleanup.jobs.join(",")}}`;
    await sql`delete from activities where payload->>'bulkJobId' = any(${jobs}::text[])`;
    await deleteBenchAuditEntries(sql, sql`entity_type = 'bulk_job' and entity_id = any(${jobs}::text[])`);
    await sql`delete from bulk_jobs where id = any(${jobs}::uuid[])`;
    await sql`delete from contacts where contact_key like 'B-DEL-%'`;
    await sql`delete from tags where id = any(${`{${cleanup.tags.join(",")}}`}::bigint[])`;
    cleanup.jobs = [];
    cleanup.tags = [];
    await sql`vacuum analyze contacts, contact_tags, activities, bulk_job_items`;
  };
  try {
    if (parts.has("filter")) figures.push(await benchFilter(sql, opts));
    if (parts.has("add_tag")) figures.push(await benchAddTag(sql, db, user, seeded, opts, cleanup).finally(tidy));
    if (parts.has("delete")) figures.push(await benchDelete(sql, db, user, opts, cleanup).finally(tidy));
    if (parts.has("export")) figures.push(await benchExport(sql, db, opts));
  } finally {
    await tidy();
  }
  return figures;
}
