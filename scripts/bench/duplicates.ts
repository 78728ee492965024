import type postgres from "postgres";
import { computeDuplicates, type ComputeResult } from "../../lib/duplicates/compute";
import { BENCH_KEY_PREFIX } from "./seed-large";

/**
 * The duplicate finder at scale (issue #18): the bench contacts made distinct people first (their
 * seeded names repeat every 210 contacts, which the name rules rightly call duplicates), then 3 % of
 * N duplicates of each kind added with a known original, then the full computation timed (exact
 * rules alone, then all rules) with this process's peak RSS, and the clusters scored against the
 * seeded truth, pair by pair.
 */
export const DUPLICATE_KEY_PREFIX = "D-";
const KINDS = ["phone", "gmail", "name_company", "name_city", "similar_name"] as const;
// Every 30th live bench contact is an original: one in ten waits in Trash (seed-large.ts), where no
// duplicate is proposed, so 3 % of N per kind come from the other nine.
const STRIDE = 30;

export interface DuplicatesFigure {
  name: string;
  contacts: number;
  seeded_pairs: number;
  seconds: number;
  peak_rss_mb: number;
  rss_before_mb: number;
  clusters: number;
  found_pairs: number;
  recall: number;
  precision: number;
  recall_by_kind: Record<string, number>;
  timings_ms: Record<string, number>;
}

/** A pseudo-random 10-letter word from a seed (md5 bytes), as SQL. */
const word = (seed: string) => `(select string_agg(chr(97 + get_byte(decode(md5(${seed}), 'hex'), i) % 26), '' order by i) from generate_series(0, 9) i)`;

async function prepare(sql: postgres.Sql, n: number, log: (m: string) => void): Promise<void> {
  const [{ seeded }] = (await sql`select count(*)::int as seeded from contacts where contact_key like ${DUPLICATE_KEY_PREFIX + "%"}`) as unknown as [{ seeded: number }];
  if (seeded > 0) {
    log(`reusing ${seeded} seeded duplicates`);
    return;
  }
  const t0 = Date.now();
  const m = Math.round(n * 0.03);
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx.unsafe(`update contacts set last_name = initcap(${word("'last' || id")}) where contact_key like '${BENCH_KEY_PREFIX}%'`);
    log(`distinct bench names: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    // The originals: every 30th live bench contact from an offset per kind, so no contact is the original of two kinds.
    await tx.unsafe(`
      create temp table dup_truth on commit drop as
      select k.kind, k.ord, i, o.id as original_id
      from unnest(array['${KINDS.join("','")}']) with ordinality k(kind, ord)
      cross join generate_series(0, ${m - 1}) i
      join (select id, row_number() over (order by id) as rn from contacts
            where contact_key like '${BENCH_KEY_PREFIX}%' and trashed_at is null) o on o.rn = ${STRIDE} * i + k.ord`);
    await tx.unsafe(`
      insert into contacts (contact_key, first_name, last_name, company, city, country)
      select '${DUPLICATE_KEY_PREFIX}' || t.kind || '-' || t.original_id,
        case when t.kind in ('phone', 'gmail') then 'Dup' else o.first_name end,
        case t.kind
          when 'phone' then initcap(${word("'phone' || t.i")})
          when 'gmail' then initcap(${word("'gmail' || t.i")})
          when 'similar_name' then case when t.i % 2 = 0 then o.last_name || right(o.last_name, 1) else left(o.last_name, -1) end
          else o.last_name end,
        case when t.kind = 'name_company' or (t.kind = 'similar_name' and t.i % 3 = 0) then o.company else 'Dup Co ' || t.kind || t.i end,
        case when t.kind = 'name_city' or (t.kind = 'similar_name' and t.i % 3 = 1) then o.city end,
        o.country
      from dup_truth t join contacts o on o.id = t.original_id`);
    await tx.unsafe(`
      insert into contact_phones (contact_id, e164, is_primary, label)
      select t.original_id, '+54911' || lpad(t.i::text, 8, '0'), false, 'whatsapp' from dup_truth t where t.kind = 'phone'
      union all
      select d.id, '+5411' || lpad(t.i::text, 8, '0'), true, 'mobile' from dup_truth t join contacts d on d.contact_key = '${DUPLICATE_KEY_PREFIX}phone-' || t.original_id where t.kind = 'phone'`);
    await tx.unsafe(`
      insert into contact_emails (contact_id, email, email_normalized, is_primary, label)
      select t.original_id, e, e, false, 'gmail' from dup_truth t, lateral (select 'dup.g' || t.i || '@gmail.com' as e) x where t.kind = 'gmail'
      union all
      select d.id, e, e, true, 'personal' from dup_truth t join contacts d on d.contact_key = '${DUPLICATE_KEY_PREFIX}gmail-' || t.original_id,
        lateral (select 'dupg' || t.i || '+promo@googlemail.com' as e) x where t.kind = 'gmail'
      union all
      select d.id, e, e, true, 'work' from dup_truth t join contacts d on d.contact_key = '${DUPLICATE_KEY_PREFIX}similar_name-' || t.original_id,
        lateral (select 'dup' || t.i || '@' || (select split_part(min(email_normalized), '@', 2) from contact_emails where contact_id = t.original_id) as e) x
      where t.kind = 'similar_name' and t.i % 3 = 2`);
  });
  await sql`vacuum analyze`;
  log(`seeded ${m} duplicates of each of ${KINDS.length} kinds in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

async function timed(work: () => Promise<ComputeResult>) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - t0) / 1000, peak: Math.max(peak, process.memoryUsage().rss), before };
  } finally {
    clearInterval(sampler);
  }
}

async function score(sql: postgres.Sql, name: string, kinds: readonly string[], run: Awaited<ReturnType<typeof timed>>, n: number): Promise<DuplicatesFigure> {
  const truthRows = (await sql`
    select d.id as dup, split_part(substr(d.contact_key, ${DUPLICATE_KEY_PREFIX.length + 1}), '-', 1) as kind,
      split_part(substr(d.contact_key, ${DUPLICATE_KEY_PREFIX.length + 1}), '-', 2)::bigint as original
    from contacts d where d.contact_key like ${DUPLICATE_KEY_PREFIX + "%"}`) as unknown as { dup: string; kind: string; original: string }[];
  const truth = new Map(truthRows.filter((r) => kinds.includes(r.kind)).map((r) => [pairKey(Number(r.dup), Number(r.original)), r.kind]));
  const members = (await sql`select cluster_id, contact_id from duplicate_cluster_members order by cluster_id`) as unknown as { cluster_id: string; contact_id: string }[];
  const byCluster = new Map<string, number[]>();
  for (const m of members) byCluster.set(m.cluster_id, [...(byCluster.get(m.cluster_id) ?? []), Number(m.contact_id)]);
  let found = 0;
  let right = 0;
  const hits = new Set<string>();
  for (const ids of byCluster.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        found++;
        const key = pairKey(ids[i]!, ids[j]!);
        if (truth.has(key)) {
          right++;
          hits.add(key);
        }
      }
    }
  }
  const recallByKind: Record<string, number> = {};
  for (const kind of kinds) {
    const all = [...truth].filter(([, k]) => k === kind);
    recallByKind[kind] = round(all.filter(([key]) => hits.has(key)).length / Math.max(all.length, 1));
  }
  return {
    name,
    contacts: n,
    seeded_pairs: truth.size,
    seconds: round(run.seconds, 1),
    peak_rss_mb: Math.round(run.peak / 2 ** 20),
    rss_before_mb: Math.round(run.before / 2 ** 20),
    clusters: run.result.clusters,
    found_pairs: found,
    recall: round(hits.size / Math.max(truth.size, 1)),
    precision: round(right / Math.max(found, 1)),
    recall_by_kind: recallByKind,
    timings_ms: run.result.timings,
  };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function benchDuplicates(sql: postgres.Sql, options: { contacts: number; log: (m: string) => void }): Promise<DuplicatesFigure[]> {
  const { contacts: n, log } = options;
  await prepare(sql, n, log);
  const total = n + Math.round(n * 0.03) * KINDS.length;
  const exact = await timed(() => computeDuplicates({ exactOnly: true }));
  const exactFigure = await score(sql, "duplicates.exact", KINDS.filter((k) => k !== "similar_name"), exact, total);
  log(`duplicates.exact: ${exactFigure.seconds} s, peak RSS ${exactFigure.peak_rss_mb} MB, recall ${exactFigure.recall}, precision ${exactFigure.precision}`);
  const all = await timed(() => computeDuplicates());
  const allFigure = await score(sql, "duplicates.all", KINDS, all, total);
  log(`duplicates.all: ${allFigure.seconds} s, peak RSS ${allFigure.peak_rss_mb} MB, recall ${allFigure.recall}, precision ${allFigure.precision}`);
  return [exactFigure, allFigure];
}
