/**
 * Benchmark of issue 6: a generated CSV of `rows` rows (10 columns, 2 phones and an e-mail per row,
 * 20 % matching seeded B-* contacts by phone, 1 % invalid) imported through the job code the app
 * runs (lib/import/job/run-job.ts), beside PostgreSQL's own COPY of the same rows into the same tables
 * with the same indexes and triggers (contacts, phones, e-mails), measured in the same run.
 * Everything both add is removed at the end; merged B-* contacts get their old job title back.
 */
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import type postgres from "postgres";
import { connect } from "../../db/client";
import { csvLine } from "../../lib/import/write/copy";
import { phaseTotals } from "../../lib/import/write/phase-timer";
import { DEFAULT_BATCH_SIZE, runImportJob } from "../../lib/import/job/run-job";
import { fileStore } from "../../lib/storage";
import { normalizePhone } from "../../lib/phone";
import { checkSearchColumns, copyBaseline, settle, walDelta, walStats, type BaselineRow } from "./import-baseline";
import { BENCH_KEY_PREFIX } from "./seed-large";
import { deleteBenchAuditEntries } from "./erase-audit";

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
  /**
   * The peak RSS while each tenth of the rows was imported: memory that grew with the file would rise
   * from tenth to tenth (V8 collects in a sawtooth, so the peak of a short file's import is lower).
   */
  rss_by_tenth_mb: number[];
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

/** CPU seconds the machine spent busy (not idle or waiting on I/O) since boot, from Linux's /proc/stat (NaN elsewhere). */
function machineCpuSeconds(): number {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    // In USER_HZ ticks, 100 a second on Linux.
    return (fields.reduce((a, b) => a + b, 0) - fields[3]! - fields[4]!) / 100;
  } catch {
    return Number.NaN;
  }
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
  // The generated CSV is uploaded to the file store as the app's upload is (not part of the import's time).
  const fileKey = `imports/bench-import-${Date.now().toString(36)}.csv`;
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

    const u0 = performance.now();
    const uploaded = await fileStore().put(fileKey, createReadStream(generated.file, { highWaterMark: 1024 * 1024 }));
    log(`import: ${(uploaded.size / 2 ** 20).toFixed(1)} MB stored in ${((performance.now() - u0) / 1000).toFixed(1)} s`);
    const [job] = await sql<{ id: string }[]>`
      insert into import_jobs (file_name, file_path, file_size, headers, mapping, options, status, created_by_id, delimiter)
      values ('bench-import.csv', ${fileKey}, ${uploaded.size}, ${JSON.stringify(HEADERS)}::jsonb,
        ${JSON.stringify({ columns: ["firstName", "lastName", "email", "phone", "phone", "company", "jobTitle", "city", "country", "tags"] })}::jsonb,
        ${JSON.stringify({ defaultCountry: "US", tags: [], existing: "merge" })}::jsonb, 'queued', ${userId}, ',')
      returning id`;
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const byTenth = Array.from({ length: 10 }, () => 0);
    let tenth = 0;
    const sampler = setInterval(() => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      byTenth[tenth] = Math.max(byTenth[tenth]!, rss);
    }, 50);
    const wal1 = await walStats(sql);
    const phases = phaseTotals();
    const cpu0 = { node: process.cpuUsage(), machine: machineCpuSeconds() };
    const t0 = performance.now();
    const result = await runImportJob(job!.id, {
      timer: phases.timer,
      batchSize: options.batchSize,
      afterBatch: (_batch, processed) => void (tenth = Math.min(9, Math.floor((processed / options.rows) * 10))),
    });
    const seconds = (performance.now() - t0) / 1000;
    const nodeCpu = process.cpuUsage(cpu0.node);
    log(`import CPU: this process ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s, the whole machine ${(machineCpuSeconds() - cpu0.machine).toFixed(1)} s, in ${seconds.toFixed(1)} s on ${os.cpus().length} cores`);
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
      rss_by_tenth_mb: byTenth.map((b) => Math.round(b / 2 ** 20)),
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
    await deleteBenchAuditEntries(sql, sql`id > ${maxAudit}::bigint`);
    await sql`delete from contact_tags where tag_id in (select id from tags where name = 'bench-import')`;
    await sql`delete from tags where name = 'bench-import'`;
    await sql`
      update contacts c set job_title = e.job_title
      from unnest(${existing.map((e) => String(e.id))}::bigint[], ${existing.map((e) => e.job_title)}::text[]) e(id, job_title)
      where c.id = e.id`;
    const jobs = await sql<{ id: string }[]>`delete from import_jobs where file_name = 'bench-import.csv' returning id::text`;
    await fileStore().delete(fileKey, ...jobs.flatMap((j) => [`imports/${j.id}.errors.csv`, `imports/${j.id}.warnings.csv`]));
    await sql`vacuum analyze contacts, contact_phones, contact_emails, contact_tags, activities`;
    await sql.end();
    await rm(dir, { recursive: true, force: true });
  }
}
