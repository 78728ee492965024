// Raw postgres.js in `purgeTrash` only: the set-wise audit writer (recordAuditRows) takes it, and the purge deletes thousands of rows in one statement.
import { and, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { db, rawSql } from "@/db";
import { useSetWiseSettingsRaw } from "@/db/set-wise";
import { contacts } from "@/db/schema";
import { recordAudit, recordAuditRows, SYSTEM_ACTOR, type Actor } from "@/lib/audit";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema } from "@/lib/forms";
import type { ActivityInput } from "./activity";
import { contactDisplayName } from "./display";
import { loadContactSnapshot } from "./snapshot";
import { trashDays } from "./trashed";
import { GONE_MESSAGE, writeContact } from "./write";

export const trashedContactInput = z.object({ contactId: idSchema });

const NOT_IN_TRASH = "This contact is not in Trash.";

/**
 * What bringing a contact back from Trash writes, the one restore of every door (SPEC §9): the
 * columns cleared and the timeline entry, for a `writeContact` that may restore (allowTrashed) to add
 * to its change: Restore itself, an inbound message, an integration upsert; the import writes the
 * same set-wise with `restoredSummary`. `by` says what brought it back ("an inbound message").
 */
export function restoreFromTrash(by?: string): { patch: { trashedAt: null; trashedById: null }; activity: ActivityInput } {
  return { patch: { trashedAt: null, trashedById: null }, activity: { type: "restored", summary: restoredSummary(by) } };
}

export const restoredSummary = (by?: string) => (by ? `Restored from Trash by ${by}` : "Restored from Trash");

/** Brings a contact back from Trash as it was (notes, timeline, identifiers, tags), audited and on its timeline. */
export async function restoreContact(input: z.output<typeof trashedContactInput>, actor: Actor): Promise<{ name: string }> {
  return writeContact({
    contactId: input.contactId,
    actor,
    action: "contact.restore",
    allowTrashed: true,
    run: async (_tx, before) => {
      if (!before.contact.trashedAt) throw new ValidationError(NOT_IN_TRASH);
      const restore = restoreFromTrash();
      return { patch: restore.patch, activities: [restore.activity], result: { name: contactDisplayName(before.contact) } };
    },
  });
}

/**
 * Delete forever: the old hard delete, of a contact in Trash only. Identifiers, notes and the
 * timeline go with it (on delete cascade); the audit entry keeps the whole record as it was.
 */
export async function deleteContactForever(input: z.output<typeof trashedContactInput>, actor: Actor): Promise<{ name: string }> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ trashedAt: contacts.trashedAt }).from(contacts).where(eq(contacts.id, input.contactId)).for("update");
    if (!locked) throw new NotFoundError(GONE_MESSAGE);
    if (!locked.trashedAt) throw new ValidationError(`${NOT_IN_TRASH} Delete it first; it can then be deleted forever from Trash.`);
    const before = (await loadContactSnapshot(tx, input.contactId))!;
    await tx.delete(contacts).where(and(eq(contacts.id, input.contactId), isNotNull(contacts.trashedAt)));
    await recordAudit(tx, actor, { action: "contact.purge", entityType: "contact", entityId: input.contactId, before, after: null });
    return { name: contactDisplayName(before.contact) };
  });
}

/** Contacts the purge deletes per transaction: each a fraction of a second, so no lock is held for long. */
const PURGE_CHUNK = 5_000;

/**
 * The daily purge: deletes every contact trashed more than `days` ago, set-wise in chunks, each
 * chunk with one audit entry per contact (action contact.purge, the row and its phones and e-mails
 * as they were) in the same statement. Returns how many went.
 */
export async function purgeTrash(options: { days?: number; chunk?: number } = {}): Promise<number> {
  const days = options.days ?? trashDays();
  const chunk = options.chunk ?? PURGE_CHUNK;
  const sql = rawSql();
  let purged = 0;
  for (;;) {
    const n = await sql.begin(async (tx) => {
      await useSetWiseSettingsRaw(tx);
      const [row] = await tx<{ n: number }[]>`
        select count(*)::int as n from (
          select id from contacts where trashed_at < now() - make_interval(days => ${days}) order by trashed_at, id limit ${chunk} for update skip locked) due`;
      if (!row?.n) return 0;
      // A chunk's deletion and its audit entries are one statement (a data-modifying CTE feeds the writer).
      await recordAuditRows(tx, SYSTEM_ACTOR, {
        action: "contact.purge",
        entityType: "contact",
        rows: tx`
          delete from contacts c using (
            select id from contacts where trashed_at < now() - make_interval(days => ${days}) order by trashed_at, id limit ${chunk} for update skip locked) due
          where c.id = due.id
          returning c.id::text as entity_id,
            jsonb_build_object(
              'contact', to_jsonb(c) - 'search_doc' - 'search_key' - 'attr_words',
              'phones', (select coalesce(jsonb_agg(p.e164 order by p.id), '[]') from contact_phones p where p.contact_id = c.id),
              'emails', (select coalesce(jsonb_agg(e.email order by e.id), '[]') from contact_emails e where e.contact_id = c.id),
              'purgedAfterDays', ${days}::int) as before,
            null::jsonb as after`,
      });
      return row.n;
    });
    purged += n;
    if (n < chunk) return purged;
  }
}
