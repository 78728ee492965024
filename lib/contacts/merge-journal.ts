import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { idArray } from "@/db/id-array";
import { mergeJournals } from "@/db/schema";

/** Rows by id, with the contact each belonged to (same positions). */
export interface IdsByOwner {
  id: number[];
  contact_id: number[];
}

/** A row as `to_jsonb` gave it: snake_case column names, values as JSON. */
export type JournalRow = Record<string, unknown>;

/**
 * What a merge changed, enough to undo it (lib/contacts/merge-undo.ts). Rows are kept whole, as
 * PostgreSQL's `to_jsonb` wrote them, so that the undo puts them back with
 * `jsonb_populate_recordset` column for column, whatever columns a table gains later.
 */
export interface MergeJournal {
  primaryId: number;
  secondaryIds: number[];
  /** Every merged contact's rows as they were just before the merge, by table. */
  before: {
    contacts: JournalRow[];
    contact_phones: JournalRow[];
    contact_emails: JournalRow[];
    contact_external_ids: JournalRow[];
    contact_links: JournalRow[];
    contact_tags: JournalRow[];
    contact_attribute_values: JournalRow[];
    /**
     * Ids and owners only, as two parallel arrays (a merge moves thousands of them): notes and
     * activities stay as they are and only move back.
     */
    notes: IdsByOwner;
    activities: IdsByOwner;
    /** The secondaries' activities with an external ref (the merge clears a duplicate one). */
    activity_refs: JournalRow[];
    /** Earlier merges into a secondary, whose redirects the merge pointed at the primary. */
    contact_redirects: JournalRow[];
    /** The inbound messages that named a secondary (its deletion set their contact_id to null). */
    inbound_messages: JournalRow[];
    /** Refused-message counts of the secondaries (deleted with them). */
    inbound_refusals: JournalRow[];
    /**
     * The "Not duplicates" decisions a secondary is part of (deleted with it). Missing from the
     * journals of merges made before they were kept.
     */
    duplicate_dismissals?: JournalRow[];
  };
  /** The primary as the merge left it: a value still equal to this one was not changed since. */
  after: {
    contact: JournalRow;
    contact_attribute_values: JournalRow[];
    primaryPhoneId: number | null;
    primaryEmailId: number | null;
  };
}

const rowsOf = (query: ReturnType<typeof sql>) => sql`coalesce((${query}), '[]'::jsonb)`;
const idsByOwner = (table: string, ids: ReturnType<typeof sql>) => sql`(
  select jsonb_build_object('id', coalesce(jsonb_agg(t.id), '[]'), 'contact_id', coalesce(jsonb_agg(t.contact_id), '[]'))
  from ${sql.raw(table)} t where t.contact_id = any(${ids}))`;

/**
 * The merged contacts' rows before the merge touches them; call it inside the merge's transaction,
 * after locking them. One statement: every child table is read by its contact_id index.
 */
export async function captureBeforeMerge(tx: Executor, primaryId: number, secondaryIds: number[]): Promise<MergeJournal["before"]> {
  const all = idArray([primaryId, ...secondaryIds]);
  const sec = idArray(secondaryIds);
  const whole = (table: string, ids = all) =>
    rowsOf(sql`select jsonb_agg(to_jsonb(t)) from ${sql.raw(table)} t where t.contact_id = any(${ids})`);
  const [row] = await tx.execute<{ before: MergeJournal["before"] }>(sql`
    select jsonb_build_object(
      'contacts', ${rowsOf(sql`select jsonb_agg(to_jsonb(c)) from contacts c where c.id = any(${all})`)},
      'contact_phones', ${whole("contact_phones")},
      'contact_emails', ${whole("contact_emails")},
      'contact_external_ids', ${whole("contact_external_ids")},
      'contact_links', ${whole("contact_links")},
      'contact_tags', ${whole("contact_tags")},
      'contact_attribute_values', ${whole("contact_attribute_values")},
      'notes', ${idsByOwner("notes", sec)},
      'activities', ${idsByOwner("activities", sec)},
      'activity_refs', ${rowsOf(sql`
        select jsonb_agg(jsonb_build_object('id', a.id, 'external_ref', a.external_ref))
        from activities a where a.contact_id = any(${sec}) and a.external_ref is not null`)},
      'contact_redirects', ${whole("contact_redirects", sec)},
      'inbound_messages', ${rowsOf(sql`
        select jsonb_agg(jsonb_build_object('channel', m.channel, 'message_id', m.message_id, 'contact_id', m.contact_id))
        from inbound_messages m where m.contact_id = any(${sec})`)},
      'inbound_refusals', ${whole("inbound_refusals", sec)},
      'duplicate_dismissals', ${rowsOf(sql`
        select jsonb_agg(to_jsonb(d)) from duplicate_dismissals d where d.low_id = any(${sec}) or d.high_id = any(${sec})`)}
    ) as before`);
  return row!.before;
}

/**
 * Writes the journal of a finished merge (in its transaction), with the primary as the merge left
 * it, read here in the same statement.
 */
export async function writeMergeJournal(
  tx: Executor,
  input: { primaryId: number; secondaryIds: number[]; activityId: number; before: MergeJournal["before"] },
): Promise<void> {
  const p = input.primaryId;
  await tx.insert(mergeJournals).values({
    primaryId: p,
    activityId: input.activityId,
    contactIds: [p, ...input.secondaryIds],
    journal: sql`jsonb_build_object(
      'primaryId', ${p}::bigint,
      'secondaryIds', ${JSON.stringify(input.secondaryIds)}::jsonb,
      'before', ${JSON.stringify(input.before)}::jsonb,
      'after', jsonb_build_object(
        'contact', (select to_jsonb(c) from contacts c where c.id = ${p}),
        'contact_attribute_values', ${rowsOf(sql`select jsonb_agg(to_jsonb(v)) from contact_attribute_values v where v.contact_id = ${p}`)},
        'primaryPhoneId', (select id from contact_phones where contact_id = ${p} and is_primary),
        'primaryEmailId', (select id from contact_emails where contact_id = ${p} and is_primary)))`,
  });
}
