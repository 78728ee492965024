// Raw postgres.js: the full computation is a handful of set-wise statements over every contact, on temp tables.
import type postgres from "postgres";
import type { DuplicateReason } from "@/db/schema";

/** Reasons that are sure matches of a key; "similar_name" is the one fuzzy reason. */
export const EXACT_REASONS: readonly DuplicateReason[] = ["phone", "email", "gmail", "name_company", "name_city"];
export const isExact = (reason: DuplicateReason) => reason !== "similar_name";

/** pg_trgm similarity from which two full names count as similar. */
export const NAME_SIMILARITY = 0.8;
/** A key shared by more contacts than this gives a star of pairs (each to the lowest id), not every pair. */
const ALL_PAIRS_UP_TO = 50;
/** Name-trigram tokens shared by more contacts than this are not compared (see fuzzyPairs). */
const MAX_TOKEN_GROUP = 1_000;

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * The contacts the finder looks at, as a condition on the alias `c`: the one place to leave some out.
 * Contacts in Trash are never proposed (SPEC §9; lib/contacts/trashed.ts says the same for Drizzle).
 * Every rule below and the incremental check (./incremental.ts) join through it.
 */
export function eligible(sql: Sql): postgres.Fragment {
  return sql`c.trashed_at is null`;
}

/**
 * Pairs (a < b) of the contacts sharing a key, added to dup_pairs. `keyed` is a query of (key,
 * contact_id) rows over every contact; `eligible` whether it already leaves out the ones the finder
 * does not look at (rules over contacts filter as they scan; rules over a child table leave it to
 * the few candidates, rather than join every phone or e-mail to its contact).
 *
 * Two passes, neither a sort of the whole table: a hash aggregate keeps the keys held by two
 * contacts or more (min ≠ max), with their row count; a key of two rows is a pair already (min,
 * max). Only when some key has more rows is `keyed` read again, for those keys' members.
 */
async function pairsByKey(sql: Sql, reason: DuplicateReason, keyed: postgres.Fragment, eligibleInKeyed: boolean): Promise<void> {
  await sql`
    create temp table dup_keys on commit drop as
    select key, count(*) as n, min(contact_id) as lo, max(contact_id) as hi
    from (${keyed}) k group by key having min(contact_id) <> max(contact_id)`;
  const [many] = await sql<{ any: boolean }[]>`select exists (select 1 from dup_keys where n > 2) as any`;
  const more = many?.any
    ? sql`union all select k.key, k.contact_id from (${keyed}) k join (select key from dup_keys where n > 2) d on d.key = k.key`
    : sql``;
  await sql`
    insert into dup_pairs (a, b, reason)
    select g.ids[i], g.ids[j], ${reason}
    from (
      select array_agg(distinct m.contact_id order by m.contact_id) as ids
      from (select key, lo as contact_id from dup_keys where n = 2 union all select key, hi from dup_keys where n = 2 ${more}) m
      ${eligibleInKeyed ? sql`` : sql`join contacts c on c.id = m.contact_id where ${eligible(sql)}`}
      group by m.key having count(distinct m.contact_id) > 1
    ) g, generate_subscripts(g.ids, 1) i, generate_subscripts(g.ids, 1) j
    where i < j and (cardinality(g.ids) <= ${ALL_PAIRS_UP_TO} or i = 1)`;
  await sql`drop table dup_keys`;
}

/**
 * The exact rules, each a key shared by two contacts: the phone key (WhatsApp's variants of one line,
 * migration 0022), the Gmail key (dots and +tags; only Gmail addresses, the others are unique in the
 * schema, so "same e-mail" can only arise there), and the full name with the company or the city.
 * `eligibleInKeyed`: see pairsByKey.
 */
export const EXACT_RULES: { reason: DuplicateReason; keyed: (sql: Sql) => postgres.Fragment; eligibleInKeyed: boolean }[] = [
  {
    reason: "phone",
    // duplicate_phone_key's old forms are Brazilian (+55) and Mexican (+52 1) numbers; for every
    // other number it is phone_match_key, stored as match_key: no regular expression per row.
    keyed: (sql) => sql`
      select case when p.e164 like '+55%' or p.e164 like '+521%' then duplicate_phone_key(p.e164) else p.match_key end as key, p.contact_id
      from contact_phones p`,
    eligibleInKeyed: false,
  },
  {
    reason: "gmail",
    // The same addresses as the regular expression of duplicate_email_key and its index, by suffix.
    keyed: (sql) => sql`
      select duplicate_email_key(e.email_normalized) as key, e.contact_id from contact_emails e
      where e.email_normalized like '%@gmail.com' or e.email_normalized like '%@googlemail.com'`,
    eligibleInKeyed: false,
  },
  {
    reason: "name_company",
    keyed: (sql) => sql`
      select lower(c.full_name) || chr(31) || lower(btrim(c.company)) as key, c.id as contact_id from contacts c
      where c.full_name is not null and btrim(c.company) <> '' and ${eligible(sql)}`,
    eligibleInKeyed: true,
  },
  {
    reason: "name_city",
    keyed: (sql) => sql`
      select lower(c.full_name) || chr(31) || lower(btrim(c.city)) as key, c.id as contact_id from contacts c
      where c.full_name is not null and btrim(c.city) <> '' and ${eligible(sql)}`,
    eligibleInKeyed: true,
  },
];

export async function createPairsTable(sql: Sql): Promise<void> {
  await sql`create temp table dup_pairs (a bigint not null, b bigint not null, reason text not null) on commit drop`;
}

export async function exactPairs(sql: Sql, rule: (typeof EXACT_RULES)[number]): Promise<void> {
  await pairsByKey(sql, rule.reason, rule.keyed(sql), rule.eligibleInKeyed);
}

/**
 * Similar full names (pg_trgm similarity ≥ 0.8) that share a company, a city or an e-mail domain.
 * Comparing every pair is out of the question at a million contacts, so candidates come from prefix
 * filtering: with trigrams ordered rarest first, two names whose similarity (Jaccard of their trigram
 * sets) is at least t share at least two of their first |x| − ⌈t·|x|⌉ + 2 trigrams. Each name's
 * candidate tokens are the pairs of those trigrams; names sharing a token are compared exactly. No
 * similar pair is missed, except in a token shared by more than MAX_TOKEN_GROUP names (very common
 * names made only of common trigrams), which is skipped.
 */
export async function fuzzyPairs(sql: Sql): Promise<void> {
  await sql`
    create temp table dup_names on commit drop as
    select c.id, show_trgm(lower(c.full_name)) as grams
    from contacts c where c.full_name is not null and ${eligible(sql)}`;
  await sql`
    create temp table dup_gram_rank on commit drop as
    select g, row_number() over (order by count(*), g) as rank from dup_names, unnest(grams) g group by g`;
  await sql`analyze dup_gram_rank`;
  // ⌈0.8·n⌉ in integers: (4n + 4) / 5, so that floating point never lengthens a prefix.
  await sql`
    create temp table dup_prefix on commit drop as
    select id, rank, rn from (
      select n.id, r.rank, row_number() over (partition by n.id order by r.rank) as rn,
        cardinality(n.grams) - (4 * cardinality(n.grams) + 4) / 5 + 2 as keep
      from dup_names n cross join unnest(n.grams) u(g) join dup_gram_rank r on r.g = u.g
    ) x where rn <= keep`;
  await sql`analyze dup_prefix`;
  await sql`
    create temp table dup_candidates on commit drop as
    select distinct g.ids[i] as a, g.ids[j] as b
    from (
      select array_agg(p1.id order by p1.id) as ids
      from dup_prefix p1 join dup_prefix p2 on p2.id = p1.id and p2.rn > p1.rn
      group by p1.rank, p2.rank having count(*) between 2 and ${MAX_TOKEN_GROUP}
    ) g, generate_subscripts(g.ids, 1) i, generate_subscripts(g.ids, 1) j
    where i < j`;
  // Real row counts for the planner: it guessed millions of candidates where there were hundreds.
  await sql`analyze dup_candidates`;
  await sql`
    insert into dup_pairs (a, b, reason)
    select k.a, k.b, 'similar_name'
    from dup_candidates k join contacts ca on ca.id = k.a join contacts cb on cb.id = k.b
    where similarity(lower(ca.full_name), lower(cb.full_name)) >= ${NAME_SIMILARITY} and ${sharesBlock(sql)} and not ${sameNameRule(sql)}`;
}

/** `ca` and `cb` have the same name and company or city: an exact rule's pair, not also a "similar" one. */
export function sameNameRule(sql: Sql): postgres.Fragment {
  return sql`(lower(ca.full_name) = lower(cb.full_name) and (
    nullif(lower(btrim(ca.company)), '') = lower(btrim(cb.company)) or nullif(lower(btrim(ca.city)), '') = lower(btrim(cb.city))))`;
}

/** Contacts `ca` and `cb` share a company, a city or an e-mail domain (the fuzzy rule's second half). */
export function sharesBlock(sql: Sql): postgres.Fragment {
  return sql`(
    nullif(lower(btrim(ca.company)), '') = lower(btrim(cb.company))
    or nullif(lower(btrim(ca.city)), '') = lower(btrim(cb.city))
    -- A scalar subquery, checked for the pair at hand: as "exists" PostgreSQL may hash every pair of
    -- addresses sharing a domain, which is most of the table squared.
    or coalesce((
      select true from contact_emails ea join contact_emails eb on split_part(eb.email_normalized, '@', 2) = split_part(ea.email_normalized, '@', 2)
      where ea.contact_id = ca.id and eb.contact_id = cb.id limit 1), false))`;
}
