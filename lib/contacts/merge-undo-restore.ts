import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { idArray } from "@/db/id-array";
import { contacts } from "@/db/schema";
import type { JournalRow, MergeJournal } from "./merge-journal";

/**
 * The statements that put a merge's rows back (lib/contacts/merge-undo.ts runs them in order, in
 * one transaction, the primary locked). Raw SQL over the journal's JSON rows: each step is one
 * set-wise statement whatever the number of rows, and `jsonb_populate_recordset` reads a row back
 * with the table's own column types.
 */

const json = (rows: unknown) => sql`${JSON.stringify(rows)}::jsonb`;
const recordset = (table: string, rows: unknown) => sql`jsonb_populate_recordset(null::${sql.raw(table)}, ${json(rows)})`;

/** Columns that point at users: a user deleted since is left out, as ON DELETE SET NULL would have done. */
const USER_REFS = new Set(["favorite_agent_id", "blocked_by_id"]);
const userRef = (column: string, from: string) => sql.raw(`(select u.id from users u where u.id = ${from}.${column})`);

/** The contacts table's written columns (generated ones are computed by PostgreSQL). */
const contactColumns = Object.values(getTableColumns(contacts))
  .filter((c) => !c.generated)
  .map((c) => c.name);

/** What the merge set on the primary and an undo may set back; the rest is bookkeeping or identity. */
const PRIMARY_VALUE_COLUMNS = contactColumns.filter((c) => !["id", "contact_key", "updated_at", "version", "search_doc", "attr_words"].includes(c));

export interface Scope {
  tx: Executor;
  journal: MergeJournal;
  /** The secondaries coming back. */
  restored: number[];
}

const forRestored = (rows: JournalRow[], s: Scope) => rows.filter((r) => s.restored.includes(Number(r.contact_id)));

/** The secondaries, with their ids and Contact IDs, as they were; their redirects end. */
export async function restoreSecondaries(s: Scope): Promise<void> {
  const p = s.journal.primaryId;
  const rows = s.journal.before.contacts.filter((c) => s.restored.includes(Number(c.id)));
  const values = contactColumns.map((c) => (USER_REFS.has(c) ? userRef(c, "j") : sql.raw(`j.${c}`)));
  await s.tx.execute(sql`
    insert into contacts (${sql.raw(contactColumns.join(", "))})
    select ${sql.join(values, sql`, `)} from ${recordset("contacts", rows)} j`);
  await s.tx.execute(sql`delete from contact_redirects where old_contact_id = any(${idArray(s.restored)})`);
  // Contacts merged into a secondary earlier point at it again.
  await s.tx.execute(sql`
    update contact_redirects r set contact_id = j.contact_id
    from ${recordset("contact_redirects", forRestored(s.journal.before.contact_redirects, s))} j
    where r.old_contact_id = j.old_contact_id and r.contact_id = ${p}`);
}

/** The primary's current primary phone and e-mail: compared with the merge's choice before the moves. */
export async function primaryFlags(tx: Executor, p: number): Promise<{ phone: number | null; email: number | null }> {
  const [row] = await tx.execute<{ phone: number | null; email: number | null }>(sql`
    select (select id from contact_phones where contact_id = ${p} and is_primary) as phone,
           (select id from contact_emails where contact_id = ${p} and is_primary) as email`);
  return { phone: row?.phone == null ? null : Number(row.phone), email: row?.email == null ? null : Number(row.email) };
}

/** Rows still on the primary go back to their secondary, by id; each keeps what was edited on it since. */
function moveBack(table: string, rows: JournalRow[], p: number, extra: SQL = sql``): SQL {
  return sql`
    update ${sql.raw(table)} t set contact_id = j.contact_id ${extra}
    from ${recordset(table, rows)} j where t.id = j.id and t.contact_id = ${p}`;
}

export async function restoreIdentifiers(s: Scope, flagsBefore: { phone: number | null; email: number | null }): Promise<void> {
  const { before, after, primaryId: p } = s.journal;
  await s.tx.execute(moveBack("contact_phones", forRestored(before.contact_phones, s), p, sql`, is_primary = j.is_primary`));
  await s.tx.execute(moveBack("contact_emails", forRestored(before.contact_emails, s), p, sql`, is_primary = j.is_primary`));
  await s.tx.execute(moveBack("contact_external_ids", forRestored(before.contact_external_ids, s), p));
  // The primary's own primary phone / e-mail, unless someone chose another since the merge. Two
  // statements: the one-primary index is checked row by row.
  const flags = [
    ["contact_phones", flagsBefore.phone, after.primaryPhoneId, before.contact_phones],
    ["contact_emails", flagsBefore.email, after.primaryEmailId, before.contact_emails],
  ] as const;
  for (const [table, current, merged, rows] of flags) {
    if (current !== (merged == null ? null : Number(merged))) continue;
    const own = rows.find((r) => Number(r.contact_id) === p && r.is_primary === true);
    const ownId = own ? Number(own.id) : 0;
    await s.tx.execute(sql`update ${sql.raw(table)} set is_primary = false where contact_id = ${p} and is_primary and id <> ${ownId}`);
    await s.tx.execute(sql`update ${sql.raw(table)} set is_primary = true where contact_id = ${p} and id = ${ownId} and not is_primary`);
  }
}

/**
 * Links and tags: a secondary's comes back when the primary still has that URL or tag. The merge
 * kept one of each (the first holder's), so the others are put back from the journal, before the
 * kept row moves away.
 */
export async function restoreLinksAndTags(s: Scope): Promise<void> {
  const p = s.journal.primaryId;
  const links = forRestored(s.journal.before.contact_links, s);
  await s.tx.execute(sql`
    insert into contact_links (id, contact_id, label, url, created_at)
    select j.id, j.contact_id, j.label, j.url, j.created_at from ${recordset("contact_links", links)} j
    where not exists (select 1 from contact_links l where l.id = j.id)
      and exists (select 1 from contact_links l where l.contact_id = ${p} and l.url = j.url)`);
  await s.tx.execute(moveBack("contact_links", links, p));

  const back = idArray(s.restored);
  // The primary keeps a tag it had itself, or that a secondary staying merged brought.
  await s.tx.execute(sql`
    with b as (select * from ${recordset("contact_tags", s.journal.before.contact_tags)}),
    ins as (
      insert into contact_tags (contact_id, tag_id, created_at)
      select b.contact_id, b.tag_id, b.created_at from b
      where b.contact_id = any(${back}) and exists (select 1 from contact_tags t where t.contact_id = ${p} and t.tag_id = b.tag_id)
      on conflict do nothing)
    delete from contact_tags t
    where t.contact_id = ${p}
      and t.tag_id in (select tag_id from b where contact_id = any(${back}))
      and t.tag_id not in (select tag_id from b where contact_id <> all(${back}))`);
}

const VALUE = "(x.text_value, x.number_value, x.date_value, x.bool_value)";
const valueOf = (alias: string) => sql.raw(VALUE.replaceAll("x.", `${alias}.`));

/**
 * Custom attribute values: the secondaries get theirs back as they were (attributes deleted since
 * excepted); the primary gets back each value the merge changed and nobody changed since.
 */
export async function restoreAttributes(s: Scope): Promise<void> {
  const { before, after, primaryId: p } = s.journal;
  await s.tx.execute(sql`
    insert into contact_attribute_values (contact_id, attribute_id, text_value, number_value, date_value, bool_value)
    select j.contact_id, j.attribute_id, j.text_value, j.number_value, j.date_value, j.bool_value
    from ${recordset("contact_attribute_values", forRestored(before.contact_attribute_values, s))} j
    where exists (select 1 from attribute_definitions d where d.id = j.attribute_id)
    on conflict do nothing`);
  const own = before.contact_attribute_values.filter((v) => Number(v.contact_id) === p);
  const unchanged = await s.tx.execute<{ attribute_id: number }>(sql`
    with b as (select * from ${recordset("contact_attribute_values", own)}),
    a as (select * from ${recordset("contact_attribute_values", after.contact_attribute_values)})
    select k.attribute_id from (select attribute_id from b union select attribute_id from a) k
    left join b on b.attribute_id = k.attribute_id
    left join a on a.attribute_id = k.attribute_id
    left join contact_attribute_values v on v.contact_id = ${p} and v.attribute_id = k.attribute_id
    where ${valueOf("b")} is distinct from ${valueOf("a")} and ${valueOf("v")} is not distinct from ${valueOf("a")}`);
  const ids = idArray(unchanged.map((r) => Number(r.attribute_id)));
  if (unchanged.length === 0) return;
  await s.tx.execute(sql`delete from contact_attribute_values where contact_id = ${p} and attribute_id = any(${ids})`);
  await s.tx.execute(sql`
    insert into contact_attribute_values (contact_id, attribute_id, text_value, number_value, date_value, bool_value)
    select j.contact_id, j.attribute_id, j.text_value, j.number_value, j.date_value, j.bool_value
    from ${recordset("contact_attribute_values", own)} j
    where j.attribute_id = any(${ids}) and exists (select 1 from attribute_definitions d where d.id = j.attribute_id)`);
}

/** Notes, activities (with the external ref the merge cleared on a duplicate), inbound messages and refusals. */
export async function restoreHistory(s: Scope): Promise<void> {
  const { before, primaryId: p } = s.journal;
  for (const table of ["notes", "activities"] as const) {
    const rows = before[table];
    const keep = rows.id.map((id, i) => [id, rows.contact_id[i]!] as const).filter(([, owner]) => s.restored.includes(Number(owner)));
    await s.tx.execute(sql`
      update ${sql.raw(table)} t set contact_id = j.contact_id
      from unnest(${idArray(keep.map(([id]) => id))}, ${idArray(keep.map(([, owner]) => owner))}) j(id, contact_id)
      where t.id = j.id and t.contact_id = ${p}`);
  }
  // The merge cleared a ref two secondaries shared on all but the first; back on its own contact, each is unique again.
  await s.tx.execute(sql`
    update activities t set external_ref = j.external_ref from ${recordset("activities", before.activity_refs)} j
    where t.id = j.id and t.external_ref is null and t.contact_id <> ${p}`);
  await s.tx.execute(sql`
    update inbound_messages m set contact_id = j.contact_id
    from ${recordset("inbound_messages", forRestored(before.inbound_messages, s))} j
    where m.channel = j.channel and m.message_id = j.message_id and m.contact_id is null`);
  await s.tx.execute(sql`
    insert into inbound_refusals (contact_id, count, last_at)
    select j.contact_id, j.count, j.last_at from ${recordset("inbound_refusals", forRestored(before.inbound_refusals, s))} j
    on conflict do nothing`);
}

/**
 * The "Not duplicates" decisions a restored secondary was part of: back when both of their contacts
 * exist (the other one may be gone since, or still merged away). Its decider stays if still a user.
 */
export async function restoreDismissals(s: Scope): Promise<void> {
  const back = idArray(s.restored);
  await s.tx.execute(sql`
    insert into duplicate_dismissals (low_id, high_id, decided_by_id, decided_at)
    select j.low_id, j.high_id, ${userRef("decided_by_id", "j")}, j.decided_at
    from ${recordset("duplicate_dismissals", s.journal.before.duplicate_dismissals ?? [])} j
    where (j.low_id = any(${back}) or j.high_id = any(${back}))
      and exists (select 1 from contacts c where c.id = j.low_id) and exists (select 1 from contacts c where c.id = j.high_id)
    on conflict do nothing`);
}

/**
 * The primary's fields as they were before the merge, each one only if it still holds the value
 * the merge gave it (a later edit wins). The write bumps the version, so a form opened before the
 * undo is refused rather than overwriting it.
 */
export async function restorePrimaryValues(s: Scope): Promise<void> {
  const { before, after, primaryId: p } = s.journal;
  const own = before.contacts.find((c) => Number(c.id) === p)!;
  const sets = PRIMARY_VALUE_COLUMNS.map((c) => {
    const old = USER_REFS.has(c) ? userRef(c, "b") : sql.raw(`b.${c}`);
    return sql`${sql.raw(c)} = case when c.${sql.raw(c)} is not distinct from a.${sql.raw(c)} then ${old} else c.${sql.raw(c)} end`;
  });
  await s.tx.execute(sql`
    update contacts c set ${sql.join(sets, sql`, `)}, updated_at = now(), version = c.version + 1
    from jsonb_populate_record(null::contacts, ${json(own)}) b, jsonb_populate_record(null::contacts, ${json(after.contact)}) a
    where c.id = ${p}`);
}
