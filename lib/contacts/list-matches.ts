import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { idArray } from "@/db/id-array";

/**
 * How many contacts a segment or filter matches, and which, chosen by looking rather than by the
 * planner's guess: PostgreSQL cannot estimate a tag, a custom attribute or a substring condition
 * well (it guessed 87 matches for a filter that matched 79 000), and each wrong guess picks the plan
 * that is ruinous for that case. A small fixed sample of the table tells dense filters from sparse ones.
 */

/** Up to this many matches are collected by the probe (it stops at one more). */
export const EXACT_COUNT_LIMIT = 1_000;
/**
 * Below SAMPLE_FROM contacts, more matches than the probe collects are counted, up to this many: a
 * bounded count reads at most the whole (small) table, 6–100 ms at 50 000 contacts (BENCHMARKS.md),
 * so a table of 2 000 says "2,000", not the planner's "about 1,914". Above it (a table that grew
 * since it was last analysed), the planner's estimate.
 */
export const COUNT_LIMIT = 100_000;
/** A sparse filter's matches are collected, counted exactly and sorted from their ids, up to this many. */
export const COLLECT_LIMIT = 20_000;
/** Contacts in the sample; below this many times that, the table is small enough to just probe. */
const SAMPLE_ROWS = 2_000;
const SAMPLE_FROM = SAMPLE_ROWS * 25;
/** A filter matching at least this share of the sample is dense: its pages come from walking the sort index. */
const DENSE_SHARE = 0.01;

export interface ListTotal {
  count: number;
  exact: boolean;
}

export interface Matches {
  total: ListTotal;
  /** Every matching id when they were collected (few enough to sort by primary key), else null. */
  ids: number[] | null;
  /** The page asked for (default order), when it was sorted out of the collected matches at once. */
  page?: number[];
}

/** A page of the default order (last interaction, newest first), to take from collected matches. */
export interface PageRequest {
  offset: number;
  limit: number;
}

export interface FindOptions {
  /** From how many contacts the sample decides (tests lower it to reach that path on a small table). */
  sampleFrom?: number;
  page?: PageRequest;
}

/** The predicate in its two forms (lib/filters `perRow`): joins for collecting, per-row checks for walking. */
export interface Predicate {
  /** Undefined: every contact. */
  where?: SQL;
  perRow?: SQL;
}

/** `c.id = any(…)` with the ids as one array parameter (thousands of them bind as one value). */
export function idIn(ids: readonly number[]): SQL {
  return ids.length ? sql`c.id = any(${idArray(ids)})` : sql`false`;
}

async function collect(exec: Executor, where: SQL, limit: number): Promise<number[]> {
  const rows = await exec.execute<{ id: number }>(sql`
    with m as materialized (select c.id from contacts c where ${where} limit ${limit})
    select id from m`);
  return rows.map((r) => Number(r.id));
}

/** The exact number of matches when at most `limit` (one more is read to know), else null. */
export async function countUpTo(exec: Executor, where: SQL, limit = COUNT_LIMIT): Promise<ListTotal | null> {
  const [row] = await exec.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from contacts c where ${where} limit ${limit + 1}) m`);
  const n = Number(row?.n ?? 0);
  return n <= limit ? { count: n, exact: true } : null;
}

/**
 * From a sampled table (50 000 contacts and up), an "about N" is made exact when N is at most this many:
 * a bounded count of that many matches took at most ~60 ms at 1 000 000 contacts (BENCHMARKS.md,
 * "Exact counts at 1M"). The list streams the exact figure after its rows; the tabs stream on their own.
 */
export const EXACT_COUNT_THRESHOLD = 50_000;
/** A sample misjudges by a few percent: estimates this far over the threshold are counted too (the count stops at it). */
const ESTIMATE_MARGIN = 1.2;

/** Whether an "about N" is worth a bounded count: small enough that the count is cheap. */
export function wantsExactCount(total: ListTotal, threshold = EXACT_COUNT_THRESHOLD): boolean {
  return !total.exact && total.count <= threshold * ESTIMATE_MARGIN;
}

/**
 * The exact count of `where` when at most `threshold` contacts match, else `total` unchanged: the rule
 * behind "exact whenever cheap, about only above the threshold".
 */
export async function exactIfCheap(exec: Executor, where: SQL, total: ListTotal, threshold = EXACT_COUNT_THRESHOLD): Promise<ListTotal> {
  if (!wantsExactCount(total, threshold)) return total;
  return (await countUpTo(exec, where, threshold)) ?? total;
}

/** Exact up to COUNT_LIMIT, else the planner's estimate: for a table too small to sample. */
export async function countSmallTable(exec: Executor, where: SQL, atLeast: number): Promise<ListTotal> {
  return (await countUpTo(exec, where)) ?? plannerEstimate(exec, where, atLeast);
}

async function plannerEstimate(exec: Executor, where: SQL, atLeast: number): Promise<ListTotal> {
  const [plan] = await exec.execute<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    sql`explain (format json) select 1 from contacts c where ${where}`,
  );
  const rows = Math.round(plan?.["QUERY PLAN"]?.[0]?.Plan["Plan Rows"] ?? atLeast);
  return { count: Math.max(rows, atLeast), exact: false };
}

async function tableSize(exec: Executor): Promise<number> {
  const [row] = await exec.execute<{ n: number }>(sql`select greatest(reltuples, 0)::float8 as n from pg_class where oid = 'contacts'::regclass`);
  return Number(row?.n ?? 0);
}

/** A sample's estimate shown with the precision it has: 11 692 → 12 000. */
export function twoFigures(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

export interface Sample {
  /** Matches among the sampled contacts, as a share. */
  share: number;
  /** The share as "about N" of the whole table. */
  estimate: number;
  dense: boolean;
}

/**
 * The share of a fixed sample of pages that matches, or null on a small table (below `sampleFrom`
 * contacts, where exact work is cheap). REPEATABLE keeps the same pages (cached, and the same
 * "about N" on every reload); the per-row form checks just the sampled contacts.
 */
export async function sample(exec: Executor, perRow: SQL | null, sampleFrom = SAMPLE_FROM): Promise<Sample | null> {
  const size = await tableSize(exec);
  if (size < sampleFrom) return null;
  // No predicate: every contact matches, and the table's size is the estimate.
  if (!perRow) return { share: 1, estimate: twoFigures(size), dense: true };
  const percent = Math.min(100, (100 * SAMPLE_ROWS) / Math.max(size, 1));
  const [row] = await exec.execute<{ m: number; n: number }>(sql`
    select count(*) filter (where ${perRow})::int as m, count(*)::int as n
    from contacts c tablesample system (${sql.raw(percent.toFixed(4))}) repeatable (0)`);
  const n = Number(row?.n ?? 0);
  const share = n ? Number(row!.m) / n : 0;
  return { share, estimate: twoFigures(share * size), dense: share >= DENSE_SHARE };
}

/**
 * Up to COLLECT_LIMIT matches counted, and one page of them in the default order, in one statement
 * (sorting a few thousand collected rows beats looking each id up again). Null when there are more.
 */
async function collectPage(exec: Executor, where: SQL, page: PageRequest): Promise<{ count: number; ids: number[] } | null> {
  const [row] = await exec.execute<{ n: number; ids: (string | number)[] }>(sql`
    with m as materialized (select c.id, c.last_interaction_at as at from contacts c where ${where} limit ${COLLECT_LIMIT + 1})
    select (select count(*) from m)::int as n,
           array(select id from m order by at desc nulls last, id desc limit ${page.limit} offset ${page.offset}) as ids`);
  const count = Number(row?.n ?? 0);
  return count > COLLECT_LIMIT ? null : { count, ids: (row?.ids ?? []).map(Number) };
}

/** The matches of a list or a segment count (see the file comment). */
export async function findMatches(exec: Executor, predicate: Predicate, options: FindOptions = {}): Promise<Matches> {
  const where = predicate.where ?? sql`true`;
  const sampled = await sample(exec, predicate.where ? (predicate.perRow ?? where) : null, options.sampleFrom);
  if (!sampled) {
    const ids = await collect(exec, where, EXACT_COUNT_LIMIT + 1);
    if (ids.length <= EXACT_COUNT_LIMIT) return { total: { count: ids.length, exact: true }, ids };
    return { total: await countSmallTable(exec, where, ids.length), ids: null };
  }
  if (options.page && !sampled.dense) {
    const collected = await collectPage(exec, where, options.page);
    if (collected) return { total: { count: collected.count, exact: true }, ids: null, page: collected.ids };
    return { total: { count: twoFigures(Math.max(COLLECT_LIMIT + 1, sampled.estimate)), exact: false }, ids: null };
  }
  return matchesOfSample(exec, where, sampled);
}

/** Dense: "about N" from the sample. Sparse: the ids, collected (and counted) up to COLLECT_LIMIT. */
export async function matchesOfSample(exec: Executor, where: SQL, sampled: Sample): Promise<Matches> {
  if (sampled.dense) return { total: { count: sampled.estimate, exact: false }, ids: null };
  const ids = await collect(exec, where, COLLECT_LIMIT + 1);
  if (ids.length <= COLLECT_LIMIT) return { total: { count: ids.length, exact: true }, ids };
  return { total: { count: twoFigures(Math.max(ids.length, sampled.estimate)), exact: false }, ids: null };
}

/**
 * At most EXACT_COUNT_LIMIT + 1 matching ids, in no order, for the search path (whose substring
 * conditions have their own probe, lib/contacts/list.ts).
 */
export async function probe(exec: Executor, where: SQL): Promise<number[]> {
  return collect(exec, where, EXACT_COUNT_LIMIT + 1);
}
