/**
 * Benchmark of issue 6: a generated CSV of `rows` rows (10 columns, 2 phones and an e-mail per row,
 * 20 % matching seeded B-* contacts by phone, 1 % invalid) imported through the job code the app
 * runs (lib/import/run-job.ts), beside PostgreSQL's own COPY of the same rows into the same tables
 * with the same indexes and triggers (contacts, phones, e-mails), measured in the same run.
 * Everything both add is removed at the end; merged B-* contacts get their old job title back.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import type postgres from "postgres";
import { connect } from "../../db/client";
import { copyIn, csvLine } from "../../lib/import/copy";
import { phaseTotals } from "../../lib/import/phase-timer";
import { DEFAULT_BATCH_SIZE, runImportJob } from "../../lib/import/run-job";
import { normalizePhone } from "../../lib/phone";
import { BENCH_KEY_PREFIX } from "./seed-large";

export interface ImportBenchResult {
  name: "import";
  rows: number;
  rows_per_s: number;
  copy_rows_per_s: number;
  /** The COPY of contacts, phones and e-mails alone (no tag, no activity). */
  copy_core_rows_per_s: number;
  peak_rss_mb: number;
  /** RSS when the import started: the peak minus this is what the import itself took. */
  rss_before_mb: number;
  created: number;
  merged: number;
  failed: number;
  seconds: number;
  copy_seconds: number;
  /** Wall time of the import per phase and per statement, summed over its batches (ms). */
  phases_ms: Record<string, number>;
}

const HEADERS = ["First Name", "Last Name", "E-mail Address", "Phone", "Mobile Phone", "Company", "Job Title", "City", "Country", "Tags"];
const FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Emeka", "Fatima", "Günter", "Hana", "Ivan", "Júlia", "Kofi", "Lena"];
const LAST = ["Abbott", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Huang", "Ibrahim", "Jensen", "Kowalski", "López"];
const CITIES = [["Berlin", "Germany"], ["Austin", "US"], ["Lyon", "France"], ["Leeds", "United Kingdom"], ["Denver", "USA"]] as const;
const AREAS = ["303", "720", "503", "971", "404", "713", "602", "305"];

interface Existing {
  id: number;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  job_title: string | null;
  e164: string;
}

/** Valid US numbers no seed uses, from a per-run offset; libphonenumber decides validity. */
function phoneSource(offset: number) {
  let k = offset;
  return () => {
    for (;;) {
      const n = k++;
      const area = AREAS[n % AREAS.length]!;
      const rest = 2_000_000 + Math.floor(n / AREAS.length) % 8_000_000;
      const e164 = `+1${area}${rest}`;
      if (normalizePhone(e164, "US").ok) return e164;
    }
  };
}

const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

interface BaselineRow {
  first: string;
  last: string;
  company: string;
  title: string;
  city: string;
  country: string;
  phones: [string, string];
  email: string;
}

interface Generated {
  file: string;
  /** The valid rows as JSON lines, for the COPY baseline (fresh numbers where the CSV's match a seeded contact). */
  baseline: string;
  valid: number;
}

/** Streams the CSV and the baseline's rows to temporary files: nothing of the file is held in memory. */
async function generate(dir: string, rows: number, existing: readonly Existing[], stamp: string): Promise<Generated> {
  const file = path.join(dir, "bench-import.csv");
  const baseline = path.join(dir, "baseline.jsonl");
  const out = createWriteStream(file);
  const side = createWriteStream(baseline);
  const phone = phoneSource(Math.floor(Math.random() * 1_000_000) * 16);
  let valid = 0;
  const write = async (stream: typeof out, text: string) => {
    if (!stream.write(text)) await once(stream, "drain");
  };
  const keep = async (row: BaselineRow) => {
    valid++;
    await write(side, JSON.stringify(row) + "\n");
  };
  await write(out, HEADERS.join(",") + "\r\n");
  let matched = 0;
  for (let i = 0; i < rows; i++) {
    const [city, country] = CITIES[i % CITIES.length]!;
    const email = `imp.${stamp}.${i}@bench-import.test`;
    const mobile = phone();
    const invalid = i % 100 === 57;
    const match = !invalid && i % 5 === 1 && matched < existing.length ? existing[matched++]! : null;
    let values: string[];
    // Numbers as people write them: national for US rows, international elsewhere (a row's country reads its numbers).
    const written = (e164: string) => (country === "US" || country === "USA" ? national(e164) : `+1 ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`);
    if (match) {
      values = [match.first_name ?? "", match.last_name ?? "", email, match.e164, written(mobile), match.company ?? "", "Imported title", city, country, "bench-import"];
      await keep({ first: values[0]!, last: values[1]!, company: values[5]!, title: values[6]!, city, country, phones: [phone(), mobile], email });
    } else {
      const first = FIRST[i % FIRST.length]!;
      const last = `${LAST[(i * 7) % LAST.length]!}-${i}`;
      const main = phone();
      values = [first, last, invalid ? `broken.${i}@` : email, written(main), written(mobile), `Company ${i % 997}`, "Buyer", city, country, "bench-import"];
      if (!invalid) await keep({ first, last, company: values[5]!, title: "Buyer", city, country, phones: [main, mobile], email });
    }
    await write(out, csvLine(values).replace(/\n$/, "\r\n"));
  }
  out.end();
  side.end();
  await Promise.all([finished(out), finished(side)]);
  return { file, baseline, valid };
}

const ISO: Record<string, string> = { Germany: "DE", France: "FR", "United Kingdom": "GB" };

/**
 * COPY of the valid rows as new contacts with everything the import leaves for them: phones,
 * e-mails, the file's tag and the "Imported from" activity — the floor for this schema. The time of
 * the first three tables alone is kept too (`copy_core_rows_per_s`), the floor as first defined.
 * In transactions of the import's batch size, in the import's bulk write mode (migration 0010): the
 * contacts' search columns are written in the COPY itself, as the import writes them in its INSERT,
 * and the statement-level check of the phones and e-mails against the users runs as for the import.
 */
async function copyBaseline(
  sql: postgres.Sql,
  baseline: string,
  stamp: string,
  chunk: number,
  actorId: number,
): Promise<{ seconds: number; coreSeconds: number; firstId: number; lastId: number }> {
  const t0 = performance.now();
  const [tag] = await sql<{ id: string }[]>`
    insert into tags (name) values ('bench-import') on conflict ((lower(name))) do update set name = excluded.name returning id::text`;
  let rows: BaselineRow[] = [];
  let offset = 0;
  let firstId = Infinity;
  let lastId = 0;
  let coreMs = 0;
  const flush = async () => {
    const written = await copyChunk(sql, rows, { stamp, offset, tagId: Number(tag!.id), actorId });
    coreMs += written.coreMs;
    firstId = Math.min(firstId, ...written.ids);
    lastId = Math.max(lastId, ...written.ids);
    offset += rows.length;
    rows = [];
  };
  for await (const line of createInterface({ input: createReadStream(baseline) })) {
    if (!line) continue;
    rows.push(JSON.parse(line) as BaselineRow);
    if (rows.length >= chunk) await flush();
  }
  if (rows.length) await flush();
  return { seconds: (performance.now() - t0) / 1000, coreSeconds: coreMs / 1000, firstId, lastId };
}

/** What contact_search_doc gives for a baseline row: name, e-mail, phone digits, lower-cased. */
function searchDoc(r: BaselineRow): string {
  const name = `${r.first} ${r.last}`.trim();
  return [name || null, `copy.${r.email}`, r.phones[0].slice(1), r.phones[1].slice(1)].filter((v) => v !== null).join("\n").toLowerCase();
}

async function copyChunk(
  sql: postgres.Sql,
  rows: BaselineRow[],
  at: { stamp: string; offset: number; tagId: number; actorId: number },
): Promise<{ ids: number[]; coreMs: number }> {
  return sql.begin(async (tx) => {
    const t0 = performance.now();
    const ids = (await tx<{ id: string }[]>`select nextval('contacts_id_seq'::regclass)::text as id from generate_series(1, ${rows.length})`).map((r) => Number(r.id));
    await tx`select set_config('switchboard.bulk_write', 'on', true)`;
    await copyIn(
      tx`copy contacts (id, contact_key, first_name, last_name, company, job_title, city, country, source, search_doc, attr_words) from stdin with (format csv)`,
      rows.map((r, i) =>
        csvLine([ids[i]!, `COPY-${at.stamp}-${at.offset + i}`, r.first, r.last, r.company, r.title, r.city, ISO[r.country] ?? "US", "import", searchDoc(r), ""]),
      ),
    );
    await copyIn(
      tx`copy contact_phones (contact_id, e164, is_primary) from stdin with (format csv)`,
      rows.flatMap((r, i) => [csvLine([ids[i]!, r.phones[0], true]), csvLine([ids[i]!, r.phones[1], false])]),
    );
    await copyIn(
      tx`copy contact_emails (contact_id, email, email_normalized, is_primary) from stdin with (format csv)`,
      rows.map((r, i) => csvLine([ids[i]!, `copy.${r.email}`, `copy.${r.email}`, true])),
    );
    const coreMs = performance.now() - t0;
    await copyIn(
      tx`copy contact_tags (contact_id, tag_id) from stdin with (format csv)`,
      ids.map((id) => csvLine([id, at.tagId])),
    );
    const payload = JSON.stringify({ jobId: "00000000-0000-0000-0000-000000000000", fileName: "bench-import.csv", created: true });
    await copyIn(
      tx`copy activities (contact_id, type, summary, payload, actor_id) from stdin with (format csv)`,
      ids.map((id) => csvLine([id, "imported", "Imported from bench-import.csv", payload, at.actorId])),
    );
    return { ids, coreMs };
  });
}

/** The bulk writers' search columns must be exactly what the per-row triggers would have written. */
async function checkSearchColumns(sql: postgres.Sql, where: postgres.PendingQuery<postgres.Row[]>, what: string): Promise<void> {
  const [{ wrong, example }] = (await sql`
    select count(*)::int as wrong, min(id || ': ' || search_doc || ' / ' || attr_words::text || ' | ' || contact_search_doc(id, first_name, middle_name, last_name) || ' / ' || contact_attr_words(id)::text) as example
    from contacts where (${where})
      and (search_doc, attr_words) is distinct from (contact_search_doc(id, first_name, middle_name, last_name), contact_attr_words(id))`) as unknown as [{ wrong: number; example: string | null }];
  if (wrong) throw new Error(`${what}: ${wrong} contacts with search columns other than the triggers', e.g. ${example}`);
}

/**
 * The same start for both measured writes: the baseline's deleted rows vacuumed away (the import
 * must not pay for them) and a fresh checkpoint (both pay the first-touch full-page images; left
 * to chance, a checkpoint the cleanup's WAL triggered landed in one of them).
 */
async function settle(sql: postgres.Sql): Promise<void> {
  await sql`vacuum contacts, contact_phones, contact_emails, contact_tags, activities`;
  await sql`checkpoint`.catch(() => {});
}

/** Server-wide WAL counters (other databases on the server count too: indicative only). */
async function walStats(sql: postgres.Sql) {
  const [row] = await sql<{ bytes: string; fpi: string; records: string; write_ms: number; sync_ms: number }[]>`
    select wal_bytes::text as bytes, wal_fpi::text as fpi, wal_records::text as records, wal_write_time as write_ms, wal_sync_time as sync_ms from pg_stat_wal`;
  return row!;
}

function walDelta(a: Awaited<ReturnType<typeof walStats>>, b: Awaited<ReturnType<typeof walStats>>): string {
  const mb = (Number(b.bytes) - Number(a.bytes)) / 2 ** 20;
  return `${mb.toFixed(0)} MB, ${Number(b.fpi) - Number(a.fpi)} full-page images, ${Number(b.records) - Number(a.records)} records`;
}

async function benchUser(sql: postgres.Sql): Promise<number> {
  const [user] = await sql<{ id: string }[]>`
    insert into users (name, email, role, password_hash) values ('Import benchmark', 'import-bench@bench.invalid', 'admin', 'not-a-login')
    on conflict ((lower(email))) do update set name = excluded.name returning id`;
  return Number(user!.id);
}

export async function benchImport(url: string, options: { rows: number; batchSize?: number; log?: (m: string) => void }): Promise<ImportBenchResult> {
  const log = options.log ?? (() => {});
  process.env.DATABASE_URL ??= url;
  const { sql } = connect(url, { max: 6 });
  const dir = await mkdtemp(path.join(os.tmpdir(), "switchboard-bench-import-"));
  process.env.SWITCHBOARD_IMPORT_DIR = dir;
  const stamp = Date.now().toString(36);
  const [max] = await sql<
    { contacts: string; phones: string; emails: string; activities: string; audit: string }[]
  >`select (select coalesce(max(id), 0) from contacts)::text as contacts, (select coalesce(max(id), 0) from contact_phones)::text as phones,
      (select coalesce(max(id), 0) from contact_emails)::text as emails, (select coalesce(max(id), 0) from activities)::text as activities,
      (select coalesce(max(id), 0) from audit_log)::text as audit`;
  const { contacts: maxContact, phones: maxPhone, emails: maxEmail, activities: maxActivity, audit: maxAudit } = max!;
  const existing = await sql<Existing[]>`
    select c.id::int, c.first_name, c.last_name, c.company, c.job_title, p.e164
    from contacts c join contact_phones p on p.contact_id = c.id and p.is_primary
    where c.contact_key like ${BENCH_KEY_PREFIX + "%"}
    order by c.id limit ${Math.ceil(options.rows / 5)}`;
  if (existing.length < options.rows / 5) log(`only ${existing.length} seeded contacts to match: seed more with --contacts`);
  const generated = await generate(dir, options.rows, existing, stamp);
  log(`import: ${options.rows} rows generated (${generated.valid} valid)`);
  const userId = await benchUser(sql);

  try {
    await settle(sql);
    const wal0 = await walStats(sql);
    const copy = await copyBaseline(sql, generated.baseline, stamp, options.batchSize ?? DEFAULT_BATCH_SIZE, userId);
    log(`import: COPY baseline ${copy.seconds.toFixed(1)} s, WAL ${walDelta(wal0, await walStats(sql))}`);
    await checkSearchColumns(sql, sql`id between ${copy.firstId} and ${copy.lastId} and contact_key like 'COPY-%'`, "COPY baseline");
    await sql`delete from contacts where id between ${copy.firstId} and ${copy.lastId} and contact_key like 'COPY-%'`;
    await settle(sql);

    const [job] = await sql<{ id: string }[]>`
      insert into import_jobs (file_name, file_path, file_size, headers, mapping, options, status, created_by_id, delimiter)
      values ('bench-import.csv', ${generated.file}, 0, ${JSON.stringify(HEADERS)}::jsonb,
        ${JSON.stringify({ columns: ["firstName", "lastName", "email", "phone", "phone", "company", "jobTitle", "city", "country", "tags"] })}::jsonb,
        ${JSON.stringify({ defaultCountry: "US", tags: [], existing: "merge" })}::jsonb, 'queued', ${userId}, ',')
      returning id`;
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const wal1 = await walStats(sql);
    const phases = phaseTotals();
    const t0 = performance.now();
    const result = await runImportJob(job!.id, { sql, timer: phases.timer, batchSize: options.batchSize });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const [done] = await sql<{ created_count: number; merged_count: number; failed_count: number; last_error: string | null }[]>`
      select created_count, merged_count, failed_count, last_error from import_jobs where id = ${job!.id}`;
    if (result !== "completed") throw new Error(`the import ended ${result}: ${done?.last_error}`);
    await checkSearchColumns(sql, sql`id > ${maxContact}::bigint or id = any(${existing.map((e) => String(e.id))}::bigint[])`, "import");
    log(`import: WAL ${walDelta(wal1, await walStats(sql))}`);
    log(`import phases (ms): ${JSON.stringify(Object.fromEntries(Object.entries(phases.totals).map(([k, v]) => [k, Math.round(v)])))}`);
    log(`import: ${seconds.toFixed(1)} s, created ${done!.created_count}, merged ${done!.merged_count}, failed ${done!.failed_count}`);
    return {
      name: "import",
      rows: options.rows,
      rows_per_s: Math.round(options.rows / seconds),
      copy_rows_per_s: Math.round(generated.valid / copy.seconds),
      copy_core_rows_per_s: Math.round(generated.valid / copy.coreSeconds),
      peak_rss_mb: Math.round(peak / 2 ** 20),
      rss_before_mb: Math.round(rssBefore / 2 ** 20),
      created: done!.created_count,
      merged: done!.merged_count,
      failed: done!.failed_count,
      seconds: Math.round(seconds * 10) / 10,
      copy_seconds: Math.round(copy.seconds * 10) / 10,
      phases_ms: Object.fromEntries(Object.entries(phases.totals).map(([k, v]) => [k, Math.round(v)])),
    };
  } finally {
    log("import: removing what the benchmark added");
    await sql`delete from contacts where id > ${maxContact}::bigint and contact_key not like ${BENCH_KEY_PREFIX + "%"}`;
    await sql`delete from contact_phones where id > ${maxPhone}::bigint`;
    await sql`delete from contact_emails where id > ${maxEmail}::bigint`;
    await sql`delete from activities where id > ${maxActivity}::bigint`;
    await sql`delete from audit_log where id > ${maxAudit}::bigint`;
    await sql`delete from contact_tags where tag_id in (select id from tags where name = 'bench-import')`;
    await sql`delete from tags where name = 'bench-import'`;
    await sql`
      update contacts c set job_title = e.job_title
      from unnest(${existing.map((e) => String(e.id))}::bigint[], ${existing.map((e) => e.job_title)}::text[]) e(id, job_title)
      where c.id = e.id`;
    await sql`delete from import_jobs where file_name = 'bench-import.csv'`;
    await sql`vacuum analyze contacts, contact_phones, contact_emails, contact_tags, activities`;
    await sql.end();
    await rm(dir, { recursive: true, force: true });
  }
}
