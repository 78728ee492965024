/**
 * The import benchmark's floor and checks: PostgreSQL's COPY of the same rows with the import's
 * whole final state, the search-column check both writes must pass, and the common start state.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import type postgres from "postgres";
import { useSetWiseSettingsRaw } from "../../db/set-wise";
import { copyIn, csvLine } from "../../lib/import/write/copy";

export interface BaselineRow {
  first: string;
  last: string;
  company: string;
  title: string;
  city: string;
  country: string;
  phones: [string, string];
  email: string;
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
export async function copyBaseline(
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

/**
 * What contact_search_doc gives for a baseline row: name, company, e-mail, phone digits, folded as
 * search_fold does. Most of the bench's accents are ones NFD splits off ("é", "ü", "ú"), so dropping
 * the combining marks is what unaccent does to them; unaccent's own letters (the seed's "ø" of
 * Sørensen) are mapped as its rules do.
 */
function searchDoc(r: BaselineRow): string {
  const name = `${r.first} ${r.last}`.trim();
  const lines = [name || null, r.company.trim() || null, `copy.${r.email}`, r.phones[0].slice(1), r.phones[1].slice(1)];
  return lines.filter((v) => v !== null).join("\n").normalize("NFD").replace(/\p{M}/gu, "").replace(/[øØ]/g, "o").toLowerCase();
}

async function copyChunk(
  sql: postgres.Sql,
  rows: BaselineRow[],
  at: { stamp: string; offset: number; tagId: number; actorId: number },
): Promise<{ ids: number[]; coreMs: number }> {
  return sql.begin(async (tx) => {
    const t0 = performance.now();
    const ids = (await tx<{ id: string }[]>`select nextval('contacts_id_seq'::regclass)::text as id from generate_series(1, ${rows.length})`).map((r) => Number(r.id));
    // The import's settings (lib/import/job/run-job.ts), like for like.
    await useSetWiseSettingsRaw(tx);
    await tx`select set_config('switchboard.bulk_write', 'on', true), set_config('synchronous_commit', 'off', true)`;
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
export async function checkSearchColumns(sql: postgres.Sql, where: postgres.PendingQuery<postgres.Row[]>, what: string): Promise<void> {
  const [{ wrong, example }] = (await sql`
    select count(*)::int as wrong, min(id || ': ' || search_doc || ' / ' || attr_words::text || ' | ' || contact_search_doc(id, first_name, middle_name, last_name, company) || ' / ' || contact_attr_words(id)::text) as example
    from contacts where (${where})
      and (search_doc, attr_words) is distinct from (contact_search_doc(id, first_name, middle_name, last_name, company), contact_attr_words(id))`) as unknown as [{ wrong: number; example: string | null }];
  if (wrong) throw new Error(`${what}: ${wrong} contacts with search columns other than the triggers', e.g. ${example}`);
}

/**
 * The same start for both measured writes: the baseline's deleted rows vacuumed away (the import
 * must not pay for them) and a fresh checkpoint (both pay the first-touch full-page images; left
 * to chance, a checkpoint the cleanup's WAL triggered landed in one of them).
 */
export async function settle(sql: postgres.Sql): Promise<void> {
  await sql`vacuum contacts, contact_phones, contact_emails, contact_tags, activities`;
  await sql`checkpoint`.catch(() => {});
}

/** Server-wide WAL counters (other databases on the server count too: indicative only). */
export async function walStats(sql: postgres.Sql) {
  const [row] = await sql<{ bytes: string; fpi: string; records: string; write_ms: number; sync_ms: number }[]>`
    select wal_bytes::text as bytes, wal_fpi::text as fpi, wal_records::text as records, wal_write_time as write_ms, wal_sync_time as sync_ms from pg_stat_wal`;
  return row!;
}

export function walDelta(a: Awaited<ReturnType<typeof walStats>>, b: Awaited<ReturnType<typeof walStats>>): string {
  const mb = (Number(b.bytes) - Number(a.bytes)) / 2 ** 20;
  return `${mb.toFixed(0)} MB, ${Number(b.fpi) - Number(a.fpi)} full-page images, ${Number(b.records) - Number(a.records)} records`;
}
