import { and, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import * as schema from "../../db/schema";
import { DEFAULT_COLUMNS, listColumns } from "../../lib/contacts/columns";
import { listContacts } from "../../lib/contacts/list";
import { DEFAULT_LIST_PARAMS, type ListParams } from "../../lib/contacts/list-params";
import { builtinPredicate } from "../../lib/segments/builtins";
import { compileFilter } from "../../lib/filters/compile";
import { filterFields, importFilter } from "../../lib/filters/fields";
import { BENCH_KEY_PREFIX } from "./seed-large";
import { figure, timed, type Figure } from "./stats";

interface Captured {
  text: string;
  params: unknown[];
}

/**
 * The list query through lib/ (the function the page calls), each run followed by the very same
 * statements replayed raw through the driver, so both figures come from one run on one server.
 */
export async function benchList(sql: postgres.Sql, runs: number, log: (m: string) => void): Promise<Figure[]> {
  const captured: Captured[] = [];
  const db = drizzle(sql, { schema, logger: { logQuery: (text, params) => captured.push({ text, params }) } });
  const attributes = await db.select().from(schema.attributeDefinitions);
  const columns = listColumns(attributes);
  // The page's own view: "All contacts", which leaves out the blocked, archived and trashed ones (10 % of the seed is in Trash).
  const all = builtinPredicate("all", 0);
  const listOptions = { columns, visible: [...DEFAULT_COLUMNS], defaultCountry: "US", where: all, perRowWhere: all };
  const score = attributes.find((a) => a.key === "bench_score");
  if (!score) throw new Error("The bench attributes are missing: seed first");

  const samples = await sql<{ first_name: string; last_name: string; e164: string; email: string }[]>`
    select c.first_name, c.last_name, p.e164, e.email_normalized as email
    from contacts c join contact_phones p on p.contact_id = c.id and p.is_primary
    join contact_emails e on e.contact_id = c.id and e.is_primary
    where c.contact_key like 'B-%' and c.trashed_at is null order by random() limit ${runs}`;
  // Contacts with an accent in their name (the seed's Chloé, Müller, Lefèvre, Sørensen).
  const accented = await sql<{ first_name: string; last_name: string }[]>`
    select c.first_name, c.last_name from contacts c
    where c.contact_key like 'B-%' and c.first_name || c.last_name ~ '[^ -~]' and c.trashed_at is null order by random() limit ${runs}`;
  if (!accented.length) throw new Error("The bench seed has no accented names: seed again");
  const pick = (i: number) => samples[i % samples.length]!;
  const fragment = (s: string, i: number, len: number) => s.slice(i % Math.max(1, s.length - len), (i % Math.max(1, s.length - len)) + len);

  // Four letters around the accent, typed with it, without it ("mull" for Müller) or in capitals.
  const accentedFragment = (i: number) => {
    const a = accented[i % accented.length]!;
    const name = /[^ -~]/.test(a.last_name) ? a.last_name : a.first_name;
    const at = Math.max(0, Math.min(name.search(/[^ -~]/) - (i % 3), name.length - 4));
    const text = name.slice(at, at + 4);
    return [text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(), text, text.toUpperCase()][i % 3]!;
  };
  // A name of five letters or more with one letter dropped, doubled or two swapped: found by similarity only.
  const longNames = samples.flatMap((s) => [s.first_name, s.last_name]).filter((n) => n.length >= 5);
  const typo = (i: number) => {
    const name = longNames[i % longNames.length]!.toLowerCase();
    const at = 1 + (i % (name.length - 2));
    if (i % 3 === 0) return name.slice(0, at) + name.slice(at + 1);
    if (i % 3 === 1) return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
    return name.slice(0, at) + name[at] + name.slice(at);
  };

  const imports = await ensureImportHistory(sql);
  const fields = filterFields(attributes);
  const byImport = (jobId: string) => {
    const filter = importFilter(jobId);
    return { filter, where: and(all, compileFilter(filter, { fields, userId: 0 })), perRowWhere: and(all, compileFilter(filter, { fields, userId: 0, perRow: true })) };
  };
  const small = byImport(imports.small);
  const large = byImport(imports.large);

  const scenarios: [string, (i: number) => Partial<ListParams>, { where?: SQL; perRowWhere?: SQL }?][] = [
    ["list.first_page", (i) => ({ size: ([25, 50, 100] as const)[i % 3] })],
    ["list.search_name", (i) => ({ search: fragment(i % 2 ? pick(i).last_name : pick(i).first_name, i, 4).toLowerCase() })],
    ["list.search_phone", (i) => { const d = pick(i).e164.slice(2); const len = 4 + (i % 4); return { search: `${d.slice(d.length - len - (i % 3), d.length - (i % 3)).replace(/(\d{3})(?=\d)/, "$1 ")}` }; }],
    ["list.search_email", (i) => ({ search: fragment(pick(i).email.split("@")[0]!, i, 6) })],
    ["list.search_accented", (i) => ({ search: accentedFragment(i) })],
    ["list.search_typo", (i) => ({ search: typo(i) })],
    ["list.deep_page", (i) => ({ page: 990 + i, size: 25 })],
    ["list.sort_custom_attribute", (i) => ({ sort: { column: `attr:${score.key}`, desc: i % 2 === 0 }, page: 1 + (i % 20), size: 50 })],
    // "Go to contacts" after an import: the 200 contacts of a small import, and page 1–5 of a 100 000-contact one.
    ["list.filter_import_small", () => ({ filter: small.filter }), small],
    ["list.filter_import_large", (i) => ({ filter: large.filter, page: 1 + (i % 5) }), large],
  ];

  const figures: Figure[] = [];
  for (const [name, make, predicate] of scenarios) {
    const options = { ...listOptions, ...predicate };
    const libTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = -3; i < runs; i++) {
      const params = { ...DEFAULT_LIST_PARAMS, ...make(Math.abs(i)) };
      // An untimed run captures the statements and warms the cache; then lib and the raw replay are
      // timed on equal terms, alternating which goes first.
      captured.length = 0;
      await listContacts(db, params, options);
      const statements = [...captured];
      const runLib = () => timed(() => listContacts(db, params, options));
      const runRaw = () =>
        timed(async () => {
          for (const s of statements) await sql.unsafe(s.text, s.params as postgres.ParameterOrJSON<never>[]);
        });
      let libMs: number;
      let rawMs: number;
      if (i % 2 === 0) {
        [libMs] = await runLib();
        [rawMs] = await runRaw();
      } else {
        [rawMs] = await runRaw();
        [libMs] = await runLib();
      }
      if (i >= 0) {
        libTimes.push(libMs);
        rawTimes.push(rawMs);
      }
    }
    const f = figure(name, libTimes, rawTimes);
    log(`${name}: median ${f.median_ms} ms, p95 ${f.p95_ms} ms (raw ${f.raw_median_ms} / ${f.raw_p95_ms})`);
    figures.push(f);
  }
  return figures;
}

const IMPORT_JOBS = { small: "00000000-0000-4000-8000-00000000b001", large: "00000000-0000-4000-8000-00000000b002" };

/**
 * An import history, added once and kept like the seed: every seeded contact was imported by one of
 * 40 jobs (as a hub filled by imports is), a large one touched 100 000 of them again and a small one
 * 200, so the filter's index holds 1.1 M entries and the jobs asked for are one among many.
 */
async function ensureImportHistory(sql: postgres.Sql): Promise<typeof IMPORT_JOBS> {
  const [done] = await sql`select 1 from activities where type = 'imported' and payload->>'jobId' = ${IMPORT_JOBS.small} limit 1`;
  if (done) return IMPORT_JOBS;
  await sql.begin(async (tx) => {
    // As the seed: the contacts exist, so the per-row foreign-key checks are skipped.
    await tx`set local session_replication_role = replica`;
    await tx`
      insert into activities (contact_id, type, occurred_at, summary, payload)
      select id, 'imported', created_at, 'Imported from bench.csv',
             jsonb_build_object('jobId', '00000000-0000-4000-8000-' || lpad((id % 40)::text, 12, '0'), 'fileName', 'bench.csv', 'created', true)
      from contacts where contact_key like ${BENCH_KEY_PREFIX + "%"}`;
    await tx`
      insert into activities (contact_id, type, summary, payload)
      select id, 'imported', 'Imported from large.csv', jsonb_build_object('jobId', ${IMPORT_JOBS.large}::text, 'fileName', 'large.csv', 'created', false)
      from contacts where contact_key like ${BENCH_KEY_PREFIX + "%"} and id % 10 = 3`;
    await tx`
      insert into activities (contact_id, type, summary, payload)
      select id, 'imported', 'Imported from small.csv', jsonb_build_object('jobId', ${IMPORT_JOBS.small}::text, 'fileName', 'small.csv', 'created', false)
      from contacts where contact_key like ${BENCH_KEY_PREFIX + "%"} and id % 5000 = 7`;
  });
  await sql`vacuum analyze activities`;
  return IMPORT_JOBS;
}
