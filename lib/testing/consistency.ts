import { rawSql } from "@/db";

/**
 * The state a race must leave behind, over the contacts it touched (ids as they were before, and
 * any made during it): no orphan row, no half merge, one primary phone and e-mail per contact that
 * has any. Returns the problems found; empty when consistent. Raw SQL: one statement per check,
 * each naming what it found.
 */
const CHILD_TABLES = [
  "contact_phones",
  "contact_emails",
  "contact_external_ids",
  "contact_links",
  "contact_tags",
  "notes",
  "activities",
  "contact_attribute_values",
  "contact_redirects",
] as const;

export async function inconsistencies(contactIds: readonly number[]): Promise<string[]> {
  const sql = rawSql();
  const ids = [...new Set(contactIds)];
  const problems: string[] = [];
  for (const table of CHILD_TABLES) {
    const orphans = await sql.unsafe<{ contact_id: string }[]>(
      `select distinct contact_id from "${table}" t where contact_id = any($1) and not exists (select 1 from contacts c where c.id = t.contact_id)`,
      [ids],
    );
    for (const o of orphans) problems.push(`${table} rows of contact ${o.contact_id}, which does not exist`);
  }
  // Half a merge: a secondary still alive beside its redirect, or a redirect to a merged-away contact.
  const alive = await sql<{ id: string }[]>`
    select r.old_contact_id as id from contact_redirects r join contacts c on c.id = r.old_contact_id where r.old_contact_id = any(${ids})`;
  for (const a of alive) problems.push(`contact ${a.id} is merged away yet still alive`);
  const chained = await sql<{ id: string }[]>`
    select r.old_contact_id as id from contact_redirects r join contact_redirects r2 on r2.old_contact_id = r.contact_id
    where r.old_contact_id = any(${ids}) or r.contact_id = any(${ids})`;
  for (const c of chained) problems.push(`the redirect of contact ${c.id} points to a contact that was merged away`);
  const primaries = await sql<{ id: string; kind: string; n: number }[]>`
    select contact_id as id, 'phone' as kind, count(*) filter (where is_primary)::int as n from contact_phones where contact_id = any(${ids}) group by contact_id
    union all
    select contact_id, 'e-mail', count(*) filter (where is_primary)::int from contact_emails where contact_id = any(${ids}) group by contact_id`;
  for (const p of primaries) if (p.n !== 1) problems.push(`contact ${p.id} has ${p.n} primary ${p.kind}s`);
  return problems;
}

/** Live contacts now holding these phones, by phone: a phone held by no one was lost. */
export async function holdersOfPhones(phones: readonly string[]): Promise<Map<string, number>> {
  const rows = await rawSql()<{ e164: string; contact_id: string }[]>`select e164, contact_id from contact_phones where e164 = any(${[...phones]})`;
  return new Map(rows.map((r) => [r.e164, Number(r.contact_id)]));
}

export async function holdersOfEmails(emails: readonly string[]): Promise<Map<string, number>> {
  const rows = await rawSql()<{ email_normalized: string; contact_id: string }[]>`
    select email_normalized, contact_id from contact_emails where email_normalized = any(${emails.map((e) => e.toLowerCase())})`;
  return new Map(rows.map((r) => [r.email_normalized, Number(r.contact_id)]));
}

/** Settles `work` or fails after `ms`: a race that deadlocks for good must fail the test, not hang it. */
export async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms: something hangs`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
