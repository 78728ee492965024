// Raw postgres.js and string-built SQL for speed: COPY into temporary tables, then one set-wise statement per table (BENCHMARKS.md).
import { getTableColumns } from "drizzle-orm";
import type postgres from "postgres";
import { contacts } from "@/db/schema";
import { recordAuditRows } from "@/lib/audit";
import { generateContactKey } from "@/lib/contacts/contact-key";
import { restoredSummary } from "@/lib/contacts/trash";
import { copyIn, csvLine } from "./copy";
import { timed, type PhaseTimer } from "./phase-timer";
import type { PlannedContact } from "../plan/plan-batch";
import { IMPORTABLE_FIELDS } from "../map/targets";

/**
 * Writes one planned batch set-wise: its contacts are staged with COPY into a temporary table
 * (dropped at commit) and inserted or updated with one statement each; a new contact's phones,
 * e-mails and tags go straight into their tables with COPY; an existing contact's phones and e-mails,
 * and every external ID and attribute, go through a second staged table, one statement per target.
 * Runs inside the caller's transaction, which also records the job's checkpoint.
 *
 * The transaction is in bulk write mode (migration 0010): the per-row triggers are off, so this
 * function writes the search columns itself — a new contact gets its whole document in its INSERT,
 * a merged one at most one UPDATE at the end — and the database checks the batch's phones and
 * e-mails against the users once per statement instead of once (with a lock) per value.
 */

const COLUMNS = getTableColumns(contacts);
const ENUM_TYPES: Record<string, string> = { leadStage: "lead_stage", status: "contact_status", subscription: "subscription_status" };
const DEFAULTS: Record<string, string> = { leadStage: "contact", status: "active", subscription: "not_set" };

/** The contact fields an import can set, with their SQL column and, for enums, the type to cast to. */
export const FIELD_COLUMNS = IMPORTABLE_FIELDS.filter((f) => f.id !== "contactKey").map((f) => ({
  id: f.id,
  column: COLUMNS[f.id as keyof typeof COLUMNS].name,
  cast: ENUM_TYPES[f.id],
  fallback: DEFAULTS[f.id],
}));

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
// emails / phones: a new contact's search words (as contact_search_doc reads them from its rows).
const STAGE_CONTACTS = `create temp table imp_contacts (id bigint not null, is_new boolean not null, contact_key text, emails text, phones text, ${FIELD_COLUMNS.map((f) => `${ident(f.column)} text`).join(", ")}) on commit drop`;
// What goes through SQL rather than straight in with COPY: every identifier of an existing contact,
// external IDs and custom attributes. kind: p phone, e e-mail, x external ID, a custom attribute;
// ord: position among the contact's values of that kind.
const STAGE_ITEMS = "create temp table imp_items (contact_id bigint not null, kind \"char\" not null, a text not null, b text, ord int not null) on commit drop";

export interface BatchContext {
  jobId: string;
  fileName: string;
  actor: { id: number | null; label: string };
  batch: number;
  timer?: PhaseTimer;
}

export interface WrittenBatch {
  createdIds: number[];
  mergedIds: number[];
  /** The tables it wrote rows to (the job analyzes those at the end). */
  tables: string[];
}

/**
 * JSON goes in and out of postgres.js as text here: Drizzle, which shares the client, turns the
 * driver's own JSON (de)serialisation off.
 */
export function jsonText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function sqlValue(v: string | boolean): string {
  return typeof v === "boolean" ? (v ? "true" : "false") : v;
}

export async function writeBatch(tx: postgres.TransactionSql, planned: readonly PlannedContact[], ctx: BatchContext): Promise<WrittenBatch> {
  if (planned.length === 0) return { createdIds: [], mergedIds: [], tables: [] };
  const fresh = planned.filter((c) => c.contactId === null);
  const ids = fresh.length
    ? (await timed(ctx.timer, "stage ids", tx<{ id: string }[]>`select nextval('contacts_id_seq'::regclass)::text as id from generate_series(1, ${fresh.length})`)).map((r) => Number(r.id))
    : [];
  const idOf = new Map<PlannedContact, number>();
  fresh.forEach((c, i) => idOf.set(c, ids[i]!));
  for (const c of planned) if (c.contactId !== null) idOf.set(c, c.contactId);

  const used = FIELD_COLUMNS.filter((f) => planned.some((c) => c.fields[f.id] !== undefined));
  await timed(ctx.timer, "stage tables", tx.unsafe(`select set_config('switchboard.bulk_write', 'on', true); ${STAGE_CONTACTS}; ${STAGE_ITEMS}`));
  await timed(ctx.timer, "stage contacts", copyIn(
    // Only the fields the file has (the other columns stay null): a dozen columns, not thirty, to write and parse.
    tx.unsafe(`copy imp_contacts (id, is_new, contact_key, emails, phones${used.map((f) => `, ${ident(f.column)}`).join("")}) from stdin with (format csv)`),
    (function* () {
      for (const c of planned) {
        const isNew = c.contactId === null;
        const key = isNew ? (c.contactKey ?? generateContactKey()) : null;
        // A new contact's e-mails and phones, in the order its rows get them (contact_search_doc orders by id).
        const emails = isNew && c.emails.length ? c.emails.join("\n") : null;
        const phones = isNew && c.phones.length ? c.phones.map((p) => p.slice(1)).join("\n") : null;
        yield csvLine([idOf.get(c)!, isNew, key, emails, phones, ...used.map((f) => c.fields[f.id])]);
      }
    })(),
  ));
  const existing = planned.filter((c) => c.contactId !== null);
  const mergedIds = existing.map((c) => c.contactId!);
  const staged = planned.some((c) => c.externalIds.length || Object.keys(c.attributes).length) || existing.some((c) => c.phones.length || c.emails.length);
  if (staged) {
    await timed(ctx.timer, "stage items", copyIn(
      tx`copy imp_items (contact_id, kind, a, b, ord) from stdin with (format csv)`,
      (function* () {
        for (const c of planned) {
          const id = idOf.get(c)!;
          let i = 0;
          if (c.contactId !== null) {
            for (const p of c.phones) yield csvLine([id, "p", p, null, ++i]);
            i = 0;
            for (const e of c.emails) yield csvLine([id, "e", e, null, ++i]);
            i = 0;
          }
          for (const x of c.externalIds) yield csvLine([id, "x", x.system, x.id, ++i]);
          i = 0;
          for (const [key, value] of Object.entries(c.attributes)) yield csvLine([id, "a", key, sqlValue(value), ++i]);
        }
      })(),
    ));
  }

  const set = used.map((f) => `coalesce(s.${ident(f.column)}${f.cast ? `::${f.cast}` : ""}, c.${ident(f.column)})`);
  const current = used.map((f) => `c.${ident(f.column)}`);
  const changed = used.length ? `(${current.join(", ")}) is distinct from (${set.join(", ")})` : "false";

  if (fresh.length) {
    // The search columns in the format of contact_search_doc / contact_attr_words (attribute values
    // in attribute order, numbers as PostgreSQL prints them).
    await timed(ctx.timer, "contacts insert", tx.unsafe(`
      with words as (
        select i.contact_id,
          string_agg(case when d.type = 'number' then i.b::numeric::text else i.b end, ' ' order by d.id) as attrs
        from imp_items i join attribute_definitions d on d.key = i.a
        where i.kind = 'a' and d.type in ('text', 'number', 'dropdown')
        group by i.contact_id
      )
      insert into contacts (id, contact_key, source, ${FIELD_COLUMNS.map((f) => ident(f.column)).join(", ")}, search_doc, attr_words)
      select s.id, s.contact_key, 'import', ${FIELD_COLUMNS.map((f) =>
        f.cast ? `coalesce(s.${ident(f.column)}::${f.cast}, '${f.fallback}')` : `s.${ident(f.column)}`,
      ).join(", ")},
        search_doc_of(s.first_name, s.middle_name, s.last_name, s.company, s.emails, s.phones),
        attr_words_of(w.attrs)
      from imp_contacts s left join words w on w.contact_id = s.id where s.is_new order by s.id`));
  }
  await writeIdentifiers(tx, PHONES, fresh, existing, idOf, ctx);
  await writeIdentifiers(tx, EMAILS, fresh, existing, idOf, ctx);
  if (planned.some((c) => c.externalIds.length)) {
    await timed(ctx.timer, "external ids", tx`
      insert into contact_external_ids (contact_id, system, external_id)
      select i.contact_id, i.a, i.b from imp_items i where i.kind = 'x'`);
  }
  await writeTags(tx, planned, idOf, ctx);
  if (planned.some((c) => Object.keys(c.attributes).length)) {
    await timed(ctx.timer, "attributes", tx`
      insert into contact_attribute_values as v (contact_id, attribute_id, text_value, number_value, date_value, bool_value)
      select i.contact_id, d.id,
        case when d.type in ('text', 'dropdown') then i.b end,
        case when d.type = 'number' then i.b::numeric end,
        case when d.type = 'date' then i.b::date end,
        case when d.type = 'boolean' then i.b::boolean end
      from imp_items i join attribute_definitions d on d.key = i.a
      where i.kind = 'a'
      on conflict (contact_id, attribute_id) do update
        set text_value = excluded.text_value, number_value = excluded.number_value,
            date_value = excluded.date_value, bool_value = excluded.bool_value
        where (v.text_value, v.number_value, v.date_value, v.bool_value)
          is distinct from (excluded.text_value, excluded.number_value, excluded.date_value, excluded.bool_value)`);
  }
  let before: unknown = null;
  if (existing.length) {
    // Merged contacts: the file's fields and the search columns in one UPDATE, only where something
    // changes; the version moves only when a field does (new identifiers are not an edit of the record).
    // The attribute words are read again only for contacts whose attributes the batch wrote.
    const name = (col: string) => (used.some((f) => f.column === col) ? `coalesce(s.${ident(col)}, o.${ident(col)})` : `o.${ident(col)}`);
    // What a merge overwrites, as it does: the audit log keeps the old values of changed fields
    // (read from the row the statement started from, beside the update instead of in a query of its own).
    const was = (f: (typeof used)[number]) => ident(`was_${f.column}`);
    const changedWas = used.length
      ? `(${used.map((f) => `s.${was(f)}`).join(", ")}) is distinct from (${used.map((f) => `coalesce(s.${ident(f.column)}${f.cast ? `::${f.cast}` : ""}, s.${was(f)})`).join(", ")})`
      : "false";
    // Their e-mails and phones, read once for the batch (as contact_search_doc reads them for one contact).
    const mergedIdList = `{${mergedIds.join(",")}}`;
    const [merged] = await timed(ctx.timer, "merged update", tx.unsafe<{ before: unknown }[]>(`
      with e as (
        select contact_id, string_agg(email_normalized, E'\\n' order by id) as emails
        from contact_emails where contact_id = any($1::bigint[]) group by contact_id
      ), p as (
        select contact_id, string_agg(substr(e164, 2), E'\\n' order by id) as phones
        from contact_phones where contact_id = any($1::bigint[]) group by contact_id
      ), merged as (
        update contacts c set ${used.map((f, i) => `${ident(f.column)} = ${set[i]}, `).join("")}
          updated_at = case when ${changed} then now() else c.updated_at end,
          version = case when ${changed} then c.version + 1 else c.version end,
          search_doc = s.doc, attr_words = s.words
        from (
          select s.*, search_doc_of(${name("first_name")}, ${name("middle_name")}, ${name("last_name")}, ${name("company")}, e.emails, p.phones) as doc,
            case when a.contact_id is null then o.attr_words else contact_attr_words(s.id) end as words
            ${used.map((f) => `, o.${ident(f.column)} as ${was(f)}`).join("")}
          from imp_contacts s join contacts o on o.id = s.id
          left join e on e.contact_id = s.id left join p on p.contact_id = s.id
          left join (select distinct contact_id from imp_items where kind = 'a') a on a.contact_id = s.id
          where not s.is_new
        ) s
        where s.id = c.id and (${changed} or (c.search_doc, c.attr_words) is distinct from (s.doc, s.words))
        returning case when ${changedWas} then jsonb_build_object('id', s.id${used.map((f) => `, '${f.column}', s.${was(f)}`).join("")}) end as before
      )
      select jsonb_agg(before) filter (where before is not null) as before from merged`, [mergedIdList]));
    before = merged?.before ?? null;
    // A row that matches a contact in Trash restores it (SPEC §9): the file names that person again.
    await timed(ctx.timer, "restore", tx`
      with back as (
        update contacts c set trashed_at = null, trashed_by_id = null, updated_at = now(), version = c.version + 1
        where c.id = any(${mergedIdList}::bigint[]) and c.trashed_at is not null
        returning c.id)
      insert into activities (contact_id, type, summary, payload, actor_id)
      select id, 'restored', ${restoredSummary(`the import of ${ctx.fileName}`)}, ${JSON.stringify({ jobId: ctx.jobId })}::jsonb, ${ctx.actor.id}
      from back`);
  }
  // The words of the batch's names and companies for "Did you mean…" (the contacts trigger adds them
  // outside bulk mode), once for the batch.
  await timed(ctx.timer, "search words", tx.unsafe(`
    insert into search_words (word)
    select distinct w from imp_contacts s, search_words_of(concat_ws(' ', s.first_name, s.middle_name, s.last_name, s.company)) w
    where not exists (select 1 from search_words x where x.word = w)`));
  const summary = `Imported from ${ctx.fileName}`;
  // Two payloads, each parsed once per statement (an initplan), instead of one built per row.
  const payload = (created: boolean) => JSON.stringify({ jobId: ctx.jobId, fileName: ctx.fileName, created });
  await timed(ctx.timer, "activities", tx`
    insert into activities (contact_id, type, summary, payload, actor_id)
    select s.id, 'imported', ${summary}, case when s.is_new then (select ${payload(true)}::jsonb) else (select ${payload(false)}::jsonb) end, ${ctx.actor.id}
    from imp_contacts s order by s.id`);
  const createdIds = ids;
  const after = JSON.stringify({ batch: ctx.batch, createdContactIds: createdIds, mergedContactIds: mergedIds });
  await timed(ctx.timer, "audit", recordAuditRows(tx, ctx.actor, {
    action: "import.batch",
    entityType: "import_job",
    rows: tx`select ${ctx.jobId} as entity_id, ${before ? jsonText(before) : null}::jsonb as before, ${after}::jsonb as after`,
  }));
  const any = (count: (c: PlannedContact) => number) => planned.some((c) => count(c) > 0);
  const tables = ["contacts", "activities"];
  if (any((c) => c.phones.length)) tables.push("contact_phones");
  if (any((c) => c.emails.length)) tables.push("contact_emails");
  if (any((c) => c.externalIds.length)) tables.push("contact_external_ids");
  if (any((c) => c.tags.length)) tables.push("contact_tags");
  if (any((c) => Object.keys(c.attributes).length)) tables.push("contact_attribute_values");
  return { createdIds, mergedIds, tables };
}

interface IdentifierKind {
  /** Its kind in imp_items. */
  kind: "p" | "e";
  table: string;
  /** The columns the value goes to (an e-mail is already normalised, so it fills both of its). */
  columns: string[];
  phase: string;
  of: (c: PlannedContact) => readonly string[];
  /** A COPY row: the contact, the value in each of `columns`, whether it is the primary. */
  row: (contactId: number, value: string, primary: boolean) => (string | number | boolean)[];
}
const PHONES: IdentifierKind = {
  kind: "p", table: "contact_phones", columns: ["e164"], phase: "phones",
  of: (c) => c.phones,
  row: (id, value, primary) => [id, value, primary],
};
const EMAILS: IdentifierKind = {
  kind: "e", table: "contact_emails", columns: ["email", "email_normalized"], phase: "emails",
  of: (c) => c.emails,
  row: (id, value, primary) => [id, value, value, primary],
};

/**
 * The batch's phones or e-mails: a new contact's go straight in with COPY (its first one is its
 * primary); an existing contact's come from imp_items, each new one its primary only when it has none yet.
 */
async function writeIdentifiers(
  tx: postgres.TransactionSql,
  k: IdentifierKind,
  fresh: readonly PlannedContact[],
  existing: readonly PlannedContact[],
  idOf: ReadonlyMap<PlannedContact, number>,
  ctx: BatchContext,
): Promise<void> {
  const columns = k.columns.join(", ");
  if (fresh.some((c) => k.of(c).length)) {
    await timed(ctx.timer, k.phase, copyIn(
      tx.unsafe(`copy ${k.table} (contact_id, ${columns}, is_primary) from stdin with (format csv)`),
      (function* () {
        for (const c of fresh) {
          const values = k.of(c);
          for (let i = 0; i < values.length; i++) yield csvLine(k.row(idOf.get(c)!, values[i]!, i === 0));
        }
      })(),
    ));
  }
  if (existing.some((c) => k.of(c).length)) {
    await timed(ctx.timer, k.phase, tx.unsafe(`
      insert into ${k.table} (contact_id, ${columns}, is_primary)
      select i.contact_id, ${k.columns.map(() => "i.a").join(", ")},
        i.ord = 1 and not exists (select 1 from ${k.table} t where t.contact_id = i.contact_id and t.is_primary)
      from imp_items i where i.kind = '${k.kind}' order by i.contact_id, i.ord`));
  }
}

/**
 * The batch's tags: those named in the file that do not exist yet are created (same name in another
 * case = same tag), then a new contact's go straight in, an existing contact's where it lacks them.
 */
async function writeTags(tx: postgres.TransactionSql, planned: readonly PlannedContact[], idOf: ReadonlyMap<PlannedContact, number>, ctx: BatchContext): Promise<void> {
  const names = [...new Set(planned.flatMap((c) => c.tags))];
  if (!names.length) return;
  await timed(ctx.timer, "tags", tx`
    insert into tags (name)
    select distinct on (lower(n)) n from unnest(${names}::text[]) n order by lower(n), n
    on conflict do nothing`);
  // A statement of its own: it sees a tag another import created and committed meanwhile.
  const rows = await timed(ctx.timer, "tags", tx<{ name: string; id: string }[]>`
    select n as name, t.id::text as id from unnest(${names}::text[]) n join tags t on lower(t.name) = lower(n)`);
  const tagId = new Map(rows.map((r) => [r.name, Number(r.id)]));
  // A tag deleted meanwhile is left out, as a join would.
  const pairs = (c: PlannedContact) =>
    [...new Set(c.tags.flatMap((t) => tagId.get(t) ?? []))].map((tag) => [idOf.get(c)!, tag] as const);
  const fresh = planned.filter((c) => c.contactId === null && c.tags.length).flatMap(pairs);
  if (fresh.length) {
    await timed(ctx.timer, "contact tags", copyIn(
      tx`copy contact_tags (contact_id, tag_id) from stdin with (format csv)`,
      fresh.map(([contact, tag]) => csvLine([contact, tag])),
    ));
  }
  const existing = planned.filter((c) => c.contactId !== null && c.tags.length).flatMap(pairs);
  if (existing.length) {
    await timed(ctx.timer, "contact tags", tx`
      insert into contact_tags (contact_id, tag_id)
      select * from unnest(${existing.map(([c]) => String(c))}::bigint[], ${existing.map(([, t]) => String(t))}::bigint[])
      on conflict do nothing`);
  }
}
