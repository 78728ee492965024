import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { normalizeEmail } from "@/lib/email";
import { normalizePhone, phoneDigitsOf } from "@/lib/phone";
import type { ListColumn } from "./columns";
import type { ListParams } from "./list-params";
import { loadListRows, type ContactListRow } from "./list-rows";
import { countSmallTable, exactIfCheap, findMatches, idIn, matchesOfSample, probe, sample, wantsExactCount, EXACT_COUNT_LIMIT, type ListTotal, type Predicate } from "./list-matches";
import { and, attributeValueColumn, listOrder } from "./list-sql";
import { FEW_MATCHES, similarContacts, type Suggestion } from "./search-suggestions";

export { COUNT_LIMIT, EXACT_COUNT_LIMIT, type ListTotal } from "./list-matches";

export interface ListOptions {
  /** Every column the list knows (for sorting by custom attributes). */
  columns: readonly ListColumn[];
  /** The columns to load for display. */
  visible: readonly string[];
  defaultCountry: string;
  /** An extra predicate over `c` (a segment or filter). */
  where?: SQL;
  /** The same predicate compiled with per-row subqueries (lib/filters `perRow`), for walking the sort index. */
  perRowWhere?: SQL;
  /** From how many contacts a sample decides the plan (lib/contacts/list-matches); tests lower it. */
  sampleFrom?: number;
}

export interface ListResult {
  rows: ContactListRow[];
  total: ListTotal;
  /** Close spellings when a search finds fewer than FEW_MATCHES contacts on its first page ("Did you mean…"). */
  suggestions: Suggestion[];
  /**
   * When `total` is "about N" but an exact count is cheap (lib/contacts/list-matches `exactIfCheap`):
   * counts it. Left to the caller, so the page can stream the figure after the rows instead of waiting.
   */
  exactTotal?: () => Promise<ListTotal>;
}

/**
 * What a quick search looks for: the digits of a phone-like search, else the text as typed. SQL folds
 * it with the search columns' own function (migration 0022: search_fold, accents and case) and builds
 * the patterns from it: one without punctuation for the trigram index on search_key, and the exact one
 * on search_doc that decides. The planner evaluates them once per statement (they are IMMUTABLE).
 */
function searchText(search: string): string {
  return phoneDigitsOf(search) ?? search;
}

/** Quick search: substring of names, company, e-mails and phone digits, or a whole word of a custom attribute. */
export function searchPredicate(search: string): SQL | undefined {
  if (!search) return undefined;
  // Only columns carried by contacts_last_interaction_search_idx, so a walk of it never reads the table.
  return sql`c.search_doc like search_pattern(${searchText(search)}) or c.attr_words @@ search_words_query(${search})`;
}

/** Up to EXACT_COUNT_LIMIT + 1 contacts matching the search alone, through its indexes (migration 0006). */
async function probeSearch(exec: Executor, search: string): Promise<number[]> {
  const text = searchText(search);
  const rows = await exec.execute<{ id: number }>(sql`
    select id from contacts_search_probe(search_key_pattern(${text}), search_pattern(${text}), search_fold(${search}), ${EXACT_COUNT_LIMIT + 1}) as id`);
  return rows.map((r) => Number(r.id));
}

/** Contacts whose whole e-mail or phone equals the search: they are listed first. */
async function exactMatches(exec: Executor, search: string, defaultCountry: string, where: SQL): Promise<number[]> {
  const email = search.includes("@") ? normalizeEmail(search) : null;
  const phone = phoneDigitsOf(search) ? normalizePhone(search, defaultCountry) : null;
  const e164 = phone?.ok ? phone.e164 : null;
  if (!email && !e164) return [];
  const rows = await exec.execute<{ id: number }>(sql`
    select c.id from contacts c
    where c.id in (
      select contact_id from contact_emails where email_normalized = ${email}
      union select contact_id from contact_phones where match_key = phone_match_key(${e164}))
    and ${where}
    order by c.id`);
  return rows.map((r) => Number(r.id));
}

async function pageIds(exec: Executor, params: ListParams, options: ListOptions, where: SQL, offset: number, limit: number): Promise<number[]> {
  if (limit <= 0) return [];
  const attribute = params.sort ? options.columns.find((c) => c.id === params.sort!.column)?.attribute : undefined;
  if (!attribute) {
    const order = listOrder(params.sort, options.columns);
    const by = sql.raw(order.desc ? "desc" : "asc");
    const rows = await exec.execute<{ id: number }>(sql`
      select c.id from contacts c where ${where}
      order by ${order.value} ${by} nulls last, c.id ${by} limit ${limit} offset ${offset}`);
    return rows.map((r) => Number(r.id));
  }
  const dir = sql.raw(params.sort?.desc ? "desc" : "asc");
  // Sorting by a custom attribute walks its value index (the order of listOrder's subquery, faster);
  // contacts without a value follow, by id.
  const value = attributeValueColumn(attribute.type);
  const valued = await exec.execute<{ id: number }>(sql`
    select v.contact_id as id from contact_attribute_values v join contacts c on c.id = v.contact_id
    where v.attribute_id = ${attribute.id} and ${where}
    order by ${value} ${dir}, v.contact_id ${dir} limit ${limit} offset ${offset}`);
  const ids = valued.map((r) => Number(r.id));
  if (ids.length === limit) return ids;
  let valuedTotal = offset + ids.length;
  if (ids.length === 0 && offset > 0) {
    const [row] = await exec.execute<{ n: number }>(sql`
      select count(*)::int as n from contact_attribute_values v join contacts c on c.id = v.contact_id
      where v.attribute_id = ${attribute.id} and ${where}`);
    valuedTotal = Number(row?.n ?? 0);
  }
  const rest = await exec.execute<{ id: number }>(sql`
    select c.id from contacts c
    where ${where} and not exists (select 1 from contact_attribute_values v where v.contact_id = c.id and v.attribute_id = ${attribute.id})
    order by c.id ${dir} limit ${limit - ids.length} offset ${Math.max(0, offset - valuedTotal)}`);
  return [...ids, ...rest.map((r) => Number(r.id))];
}

/** The contacts a search can be among, within a segment or filter, and how many there are. */
export interface SearchMatches {
  /** Every match when few enough to sort by primary key; null: walk the sort index, checking each row. */
  ids: number[] | null;
  total: () => Promise<ListTotal>;
}

/**
 * How a search (with a segment or filter) finds its matches, for the list and the API's pages alike.
 * A search for a common fragment ("michae") is answered by walking the sort index; probing its
 * trigram index first would read thousands of candidate rows for nothing.
 */
export async function searchMatches(exec: Executor, search: string, predicate: Predicate, sampleFrom?: number): Promise<SearchMatches> {
  const searchWhere = searchPredicate(search);
  const where = and([predicate.where, searchWhere]);
  const sampled = await sample(exec, and([predicate.perRow ?? predicate.where, searchWhere]), sampleFrom);
  const searchIds = sampled?.dense ? null : await probeSearch(exec, search);
  if (searchIds && searchIds.length <= EXACT_COUNT_LIMIT) {
    // A search that matches few contacts narrows everything else to those ids (by primary key).
    const ids = predicate.where ? await probe(exec, and([predicate.where, idIn(searchIds)])) : searchIds;
    return { ids, total: async () => ({ count: ids.length, exact: true }) };
  }
  if (sampled && (sampled.dense || !predicate.where)) {
    // Many matches, as the sample or the probe says: the page walks the sort index.
    const count = Math.max(sampled.estimate, searchIds?.length ?? 0);
    return { ids: null, total: async () => ({ count, exact: false }) };
  }
  if (sampled) {
    // Many matches of the search, fewer once filtered: collected and counted like a filter's.
    const found = await matchesOfSample(exec, where, sampled);
    return { ids: found.ids, total: async () => found.total };
  }
  const found = await probe(exec, where);
  if (found.length <= EXACT_COUNT_LIMIT) return { ids: found, total: async () => ({ count: found.length, exact: true }) };
  return { ids: null, total: () => countSmallTable(exec, where, found.length) };
}

/** How many contacts a segment or filter matches: exact when cheap, else "about N" (lib/contacts/list-matches). */
export async function countContacts(exec: Executor, where: SQL | undefined, perRowWhere?: SQL): Promise<ListTotal> {
  const { total } = await findMatches(exec, { where, perRow: perRowWhere ?? where });
  return exactIfCheap(exec, where ?? sql`true`, total);
}

/**
 * One page of the contact list: the function the page and the benchmark call (the API walks the same
 * matches in keyset pages: lib/contacts/pages.ts).
 * Ids are found first (index-friendly, cheap even on deep pages), then only those rows are loaded.
 */
export async function listContacts(exec: Executor, params: ListParams, options: ListOptions): Promise<ListResult> {
  const perRow = options.perRowWhere ?? options.where;
  const start = (params.page - 1) * params.size;
  const visible = options.columns.filter((c) => options.visible.includes(c.id));
  if (!params.search) {
    const page = params.sort ? undefined : { offset: start, limit: params.size };
    const found = await findMatches(exec, { where: options.where, perRow }, { sampleFrom: options.sampleFrom, page });
    const ids = found.page ?? (await pageIds(exec, params, options, found.ids ? idIn(found.ids) : and([perRow]), start, params.size));
    const where = options.where ?? sql`true`;
    return { rows: await loadListRows(exec, ids, visible), total: found.total, suggestions: [], ...exactLater(exec, where, found.total) };
  }
  const search = searchPredicate(params.search);
  const walkWhere = and([perRow, search]);
  const [exact, found] = await Promise.all([
    exactMatches(exec, params.search, options.defaultCountry, and([options.where, search])),
    searchMatches(exec, params.search, { where: options.where, perRow }, options.sampleFrom),
  ]);
  const ids = found.ids;
  const pinnedOut = exact.length ? sql`not (${idIn(exact)})` : undefined;
  const restWhere = and([ids ? idIn(ids) : walkWhere, pinnedOut]);
  const pinned = exact.slice(start, start + params.size);
  const [rest, count] = await Promise.all([
    pageIds(exec, params, options, restWhere, Math.max(0, start - exact.length), params.size - pinned.length),
    found.total(),
  ]);
  const pageIdsFound = [...pinned, ...rest];
  // A search that finds (almost) nothing falls back to trigram similarity: a typo still finds its contact.
  const suggest = params.page === 1 && count.exact && count.count < FEW_MATCHES;
  const [rows, suggestions] = await Promise.all([
    loadListRows(exec, pageIdsFound, visible),
    suggest ? similarContacts(exec, params.search, options.where, pageIdsFound) : [],
  ]);
  return { rows, total: count, suggestions, ...exactLater(exec, and([options.where, search]), count) };
}

function exactLater(exec: Executor, where: SQL, total: ListTotal): Pick<ListResult, "exactTotal"> {
  return wantsExactCount(total) ? { exactTotal: () => exactIfCheap(exec, where, total) } : {};
}
