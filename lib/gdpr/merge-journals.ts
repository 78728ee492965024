import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { idArray } from "@/db/id-array";

/**
 * The erasure's part in merge undo (lib/contacts/merge-undo.ts). A merge journal holds whole copies
 * of every contact it merged, so any journal naming one of `ids` goes, undone or not. A merge that
 * was undone no longer links the erased contact to the primary by a redirect, so the primary's
 * entries about it, which the erasure's scrub by entity does not reach, are scrubbed here: the
 * merge's and the undo's audit entries lose their before/after (the merge's holds the contact's
 * snapshot) and their timeline entries the values they named.
 */
export async function scrubMergeJournals(tx: Executor, ids: number[]): Promise<void> {
  const named = idArray(ids);
  const journals = await tx.execute<{ id: number; primary_id: number; activity_id: number }>(
    sql`select id, primary_id, activity_id from merge_journals where contact_ids && ${named}`,
  );
  if (journals.length === 0) return;
  const idsText = sql`${`{${ids.join(",")}}`}::text[]`;
  const primaries = sql`${`{${journals.map((j) => j.primary_id).join(",")}}`}::text[]`;
  const journalIds = idArray(journals.map((j) => Number(j.id)));
  await tx.execute(sql`
    update audit_log set before = null, after = null
    where entity_type = 'contact' and entity_id = any(${primaries}) and action in ('contact.merge', 'contact.merge_undo')
      and (before is not null or after is not null)
      and exists (select 1 from jsonb_array_elements_text(coalesce(after->'mergedContactIds', after->'restoredContactIds', '[]')) x where x = any(${idsText}))`);
  await tx.execute(sql`
    update activities set payload = '{}'::jsonb,
      summary = case when type = 'merge_undone' then 'Restored merged contacts' else summary end
    where id = any(${idArray(journals.map((j) => Number(j.activity_id)))})
       or (type = 'merge_undone' and contact_id = any(${primaries}::bigint[]) and (payload->>'journalId')::bigint = any(${journalIds}))`);
  await tx.execute(sql`delete from merge_journals where id = any(${journalIds})`);
}
