/**
 * Benchmark of issue 5: merging 25 contacts holding 10 000 activities and 500 notes in total, timed
 * against the raw SQL that moves the same rows, in the same run on the same database. The database
 * at `url` is expected to be migrated and seeded already (up to 1 000 000 contacts); this adds fresh
 * sets of 25 contacts per run and removes everything it added at the end.
 */
import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import type postgres from "postgres";
import { connect } from "../../db/client";
import { useSetWiseSettingsRaw } from "../../db/set-wise";
import type { Actor } from "../../lib/audit";
import { mergeContacts } from "../../lib/contacts/merge";
import { undoMerge } from "../../lib/contacts/merge-undo";
import { BENCH_KEY_PREFIX } from "./seed-large";
import { deleteBenchAuditEntries } from "./erase-audit";

export interface MergeBenchResult {
  name: "merge";
  median_ms: number;
  p95_ms: number;
  raw_median_ms: number;
  /** Undoing each timed merge (lib/contacts/merge-undo.ts): the 24 contacts and their 10 000 rows back. */
  undo_median_ms: number;
  undo_p95_ms: number;
}

const CONTACTS = 25;
const ACTIVITIES = 10_000;
const NOTES = 500;
const ACTOR: Actor = { id: null, label: "benchmark" };

interface BenchSet {
  ids: number[];
  tagIds: number[];
}

/** 25 contacts with 10 000 activities and 500 notes between them, a phone, an e-mail, a link and tags each. */
async function createSet(sql: postgres.Sql): Promise<BenchSet> {
  const stamp = `${Date.now().toString(36)}${randomInt(1e9).toString(36)}`;
  const digits = String(randomInt(1e9)).padStart(9, "0");
  return sql.begin(async (tx) => {
    const rows = await tx<{ id: string }[]>`
      insert into contacts (contact_key, first_name, last_name, company, job_title, created_at, updated_at)
      select 'bench-' || ${stamp} || '-' || g, 'Bench', 'Person ' || g,
             case when g % 3 = 0 then 'Company ' || g end, case when g % 4 = 0 then 'Title ' || g end,
             now() - g * interval '1 day', now() - g * interval '1 hour'
      from generate_series(1, ${CONTACTS}) g
      returning id`;
    const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    const arr = `{${ids.join(",")}}`;
    // +882 numbers (international networks) and .invalid addresses stay clear of any seeded data.
    await tx`
      insert into contact_phones (contact_id, e164, is_primary)
      select c, '+882' || ${digits} || lpad(i::text, 2, '0'), true from unnest(${arr}::bigint[]) with ordinality u(c, i)`;
    await tx`
      insert into contact_emails (contact_id, email, email_normalized, is_primary)
      select c, 'bench-' || ${stamp} || '-' || i || '@bench.invalid', 'bench-' || ${stamp} || '-' || i || '@bench.invalid', true
      from unnest(${arr}::bigint[]) with ordinality u(c, i)`;
    await tx`
      insert into contact_external_ids (contact_id, system, external_id)
      select c, 'bench', ${stamp} || '-' || i from unnest(${arr}::bigint[]) with ordinality u(c, i)`;
    // Every third contact shares a link URL and every contact the first tag: overlaps to collapse.
    await tx`
      insert into contact_links (contact_id, label, url)
      select c, 'CRM', 'https://crm.bench.invalid/' || ${stamp} || '/' || (i % 3) from unnest(${arr}::bigint[]) with ordinality u(c, i)`;
    const tagRows = await tx<{ id: string }[]>`
      insert into tags (name) select 'bench ' || ${stamp} || ' ' || g from generate_series(1, 3) g returning id`;
    const tagIds = tagRows.map((t) => Number(t.id));
    await tx`
      insert into contact_tags (contact_id, tag_id)
      select c, t from unnest(${arr}::bigint[]) with ordinality u(c, i)
      cross join lateral (values (${tagIds[0]!}::bigint), ((${`{${tagIds.slice(1).join(",")}}`}::bigint[])[1 + i % 2])) v(t)`;
    await tx`
      insert into activities (contact_id, type, occurred_at, summary)
      select (${arr}::bigint[])[1 + g % ${CONTACTS}], 'call', now() - g * interval '1 minute', 'Benchmark call ' || g
      from generate_series(0, ${ACTIVITIES - 1}) g`;
    await tx`
      insert into notes (contact_id, body, created_at)
      select (${arr}::bigint[])[1 + g % ${CONTACTS}], 'Benchmark note ' || g, now() - g * interval '1 hour'
      from generate_series(0, ${NOTES - 1}) g`;
    return { ids, tagIds };
  });
}

/** The statements that move the same rows, with no locking, validation, snapshot or audit around them (same plan cache mode). */
async function rawMerge(sql: postgres.Sql, set: BenchSet): Promise<void> {
  const [p, ...rest] = set.ids;
  const all = `{${set.ids.join(",")}}`;
  const sec = `{${rest.join(",")}}`;
  await sql.begin(async (tx) => {
    // The same settings as mergeContacts: the connection's force_custom_plan would otherwise re-plan
    // the foreign-key check of every moved row, and the baseline would be slower than it need be.
    await useSetWiseSettingsRaw(tx);
    await tx`update contact_phones set contact_id = ${p!}, is_primary = false where contact_id = any(${sec}::bigint[])`;
    await tx`update contact_emails set contact_id = ${p!}, is_primary = false where contact_id = any(${sec}::bigint[])`;
    await tx`update contact_external_ids set contact_id = ${p!} where contact_id = any(${sec}::bigint[])`;
    await tx`
      delete from contact_links l using (
        select id, row_number() over (partition by url order by contact_id <> ${p!}, id) rn from contact_links where contact_id = any(${all}::bigint[])
      ) d where l.id = d.id and d.rn > 1`;
    await tx`update contact_links set contact_id = ${p!} where contact_id = any(${sec}::bigint[])`;
    await tx`
      delete from contact_tags t using (
        select contact_id, tag_id, row_number() over (partition by tag_id order by contact_id <> ${p!}, contact_id) rn
        from contact_tags where contact_id = any(${all}::bigint[])
      ) d where t.contact_id = d.contact_id and t.tag_id = d.tag_id and d.rn > 1`;
    await tx`update contact_tags set contact_id = ${p!} where contact_id = any(${sec}::bigint[])`;
    await tx`update contact_attribute_values set contact_id = ${p!} where contact_id = any(${sec}::bigint[])`;
    await tx`update notes set contact_id = ${p!} where contact_id = any(${sec}::bigint[])`;
    await tx`update activities set contact_id = ${p!} where contact_id = any(${sec}::bigint[])`;
    await tx`
      insert into contact_redirects (old_contact_id, old_contact_key, contact_id)
      select id, contact_key, ${p!} from contacts where id = any(${sec}::bigint[])`;
    await tx`update contacts set updated_at = now(), version = version + 1 where id = ${p!}`;
    await tx`delete from contacts where id = any(${sec}::bigint[])`;
  });
}

/**
 * One past activity per seeded contact, added once and kept like the seed. A contact hub this size
 * has a history; without one the activities table holds only the benchmark's sets, and the planner,
 * costing it by that, deleted each merged-away contact's activities (the cascade) with a scan of the
 * whole table, 24 times per merge, in the merge and in the raw SQL alike (both took ~300 ms).
 */
async function ensureHistory(sql: postgres.Sql): Promise<void> {
  const [done] = await sql`select 1 from activities where summary = 'Bench history' limit 1`;
  if (done) return;
  await sql.begin(async (tx) => {
    // As the seed: the contacts exist, so the per-row foreign-key checks are skipped.
    await tx`set local session_replication_role = replica`;
    await tx`
      insert into activities (contact_id, type, occurred_at, summary)
      select id, 'call', coalesce(last_interaction_at, created_at), 'Bench history'
      from contacts where contact_key like ${BENCH_KEY_PREFIX + "%"}`;
  });
}

/**
 * Every set merged leaves 10 000 dead activities behind, and a server may run without autovacuum (this
 * project's does): without this, each run would measure the bloat of the runs before it.
 */
async function vacuumTouched(sql: postgres.Sql): Promise<void> {
  await sql`vacuum analyze contacts, contact_phones, contact_emails, contact_external_ids, contact_links, contact_tags,
            contact_attribute_values, contact_redirects, activities, notes, audit_log, merge_journals`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank]! * 10) / 10;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Times `mergeContacts` and the raw SQL over `opts.runs` fresh sets each (after one warm-up run),
 * alternating which goes first so that neither always runs on a warmer cache.
 */
export async function benchMerge(url: string, opts: { runs: number }): Promise<MergeBenchResult> {
  const { sql } = connect(url, { max: 2 });
  const created: number[] = [];
  const tagIds: number[] = [];
  const merged: number[] = [];
  const raw: number[] = [];
  const undone: number[] = [];
  try {
    await ensureHistory(sql);
    await vacuumTouched(sql);
    for (let run = 0; run <= opts.runs; run++) {
      const forMerge = await createSet(sql);
      created.push(...forMerge.ids);
      tagIds.push(...forMerge.tagIds);
      const forRaw = await createSet(sql);
      created.push(...forRaw.ids);
      tagIds.push(...forRaw.tagIds);
      const timeMerge = () => timed(() => mergeContacts({ primaryId: forMerge.ids[0]!, contactIds: forMerge.ids }, ACTOR));
      const timeRaw = () => timed(() => rawMerge(sql, forRaw));
      let m: number;
      let r: number;
      if (run % 2 === 0) {
        m = await timeMerge();
        r = await timeRaw();
      } else {
        r = await timeRaw();
        m = await timeMerge();
      }
      const [journal] = await sql<{ id: string }[]>`select id from merge_journals where primary_id = ${forMerge.ids[0]!}`;
      const u = await timed(() => undoMerge(Number(journal!.id), ACTOR));
      if (run === 0) continue; // warm-up
      merged.push(m);
      raw.push(r);
      undone.push(u);
    }
  } finally {
    // Everything added hangs off these contacts (cascade) or the bench tags; the audit entries are ours too.
    const ids = `{${created.join(",")}}`;
    await deleteBenchAuditEntries(sql, sql`action in ('contact.merge', 'contact.merge_undo') and entity_type = 'contact' and entity_id = any(${ids}::text[])`);
    await sql`delete from contacts where id = any(${ids}::bigint[])`;
    await sql`delete from tags where id = any(${`{${tagIds.join(",")}}`}::bigint[])`;
    await vacuumTouched(sql);
    await sql.end({ timeout: 5 });
  }
  return {
    name: "merge",
    median_ms: percentile(merged, 50),
    p95_ms: percentile(merged, 95),
    raw_median_ms: percentile(raw, 50),
    undo_median_ms: percentile(undone, 50),
    undo_p95_ms: percentile(undone, 95),
  };
}

export default benchMerge;
