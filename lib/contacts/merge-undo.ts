import { and, desc, eq, inArray, isNull, not, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { useSetWiseSettings } from "@/db/set-wise";
import { activities, contactRedirects, contacts, mergeJournals } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, isRetryable, NotFoundError, pgError } from "@/lib/errors";
import { idSchema } from "@/lib/forms";
import type { JournalRow, MergeJournal } from "./merge-journal";
import {
  primaryFlags,
  restoreAttributes,
  restoreDismissals,
  restoreHistory,
  restoreIdentifiers,
  restoreLinksAndTags,
  restorePrimaryValues,
  restoreSecondaries,
  type Scope,
} from "./merge-undo-restore";

/** How long a merge can be undone (SPEC §9). */
export const UNDO_WINDOW_DAYS = 30;
const withinWindow = sql`${mergeJournals.mergedAt} > now() - make_interval(days => ${UNDO_WINDOW_DAYS})`;

/**
 * Empties the copies kept by the journals whose undo window has passed (run by the daily purge,
 * ./trash-queue.ts): nothing can restore them any more, and a merged person's old values should not
 * outlive their use. The row stays, so a late Undo is still refused with the merge's date.
 */
export async function expireMergeJournals(): Promise<number> {
  const emptied = await db
    .update(mergeJournals)
    .set({ journal: {} })
    .where(and(not(withinWindow), sql`${mergeJournals.journal} <> '{}'::jsonb`))
    .returning({ id: mergeJournals.id });
  return emptied.length;
}

export const undoMergeInputSchema = z.object({ journalId: idSchema });

export interface UndoMergeResult {
  /** The primary, which stays. */
  contactId: number;
  restored: { id: number; contactKey: string }[];
  /** What could not be put back, one sentence each. */
  notRestored: string[];
  /** The "Merge undone" timeline entry. */
  activityId: number;
}

/** The merges of this contact that can still be undone, by their "Merged N contacts" timeline entry. */
export async function undoableMerges(contactId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ id: mergeJournals.id, activityId: mergeJournals.activityId })
    .from(mergeJournals)
    .where(and(eq(mergeJournals.primaryId, contactId), isNull(mergeJournals.undoneAt), withinWindow))
    .orderBy(desc(mergeJournals.id));
  return new Map(rows.map((r) => [r.activityId, r.id]));
}

export interface UndoableMerge {
  journalId: number;
  mergedAt: Date;
  /** The last moment the merge can be undone. */
  undoUntil: Date;
  /** The Contact IDs the merge took in. */
  mergedKeys: string[];
}

/** The merges into this contact that can still be undone, newest first (the notice, the API). */
export async function listUndoableMerges(contactId: number, exec: Executor = db): Promise<UndoableMerge[]> {
  const rows = await exec
    .select({
      journalId: mergeJournals.id,
      mergedAt: mergeJournals.mergedAt,
      undoUntil: sql<Date>`${mergeJournals.mergedAt} + make_interval(days => ${UNDO_WINDOW_DAYS})`.mapWith(mergeJournals.mergedAt),
      payload: activities.payload,
    })
    .from(mergeJournals)
    .innerJoin(activities, and(eq(activities.id, mergeJournals.activityId), eq(activities.contactId, contactId)))
    .where(and(eq(mergeJournals.primaryId, contactId), isNull(mergeJournals.undoneAt), withinWindow))
    .orderBy(desc(mergeJournals.id));
  return rows.map(({ payload, ...r }) => {
    const keys = (payload as { mergedContactKeys?: unknown }).mergedContactKeys;
    return { ...r, mergedKeys: Array.isArray(keys) ? keys.map(String) : [] };
  });
}

/** The undo's outcome, from its timeline entry, for the notice after it (`?mergeUndone=`). */
export async function undoOutcome(contactId: number, activityId: number): Promise<Pick<UndoMergeResult, "restored" | "notRestored"> | null> {
  const [row] = await db
    .select({ payload: activities.payload })
    .from(activities)
    .where(and(eq(activities.id, activityId), eq(activities.contactId, contactId), eq(activities.type, "merge_undone")));
  if (!row) return null;
  const p = row.payload as { restoredContactIds?: number[]; restoredContactKeys?: string[]; notRestored?: string[] };
  const ids = p.restoredContactIds ?? [];
  return { restored: ids.map((id, i) => ({ id, contactKey: p.restoredContactKeys?.[i] ?? String(id) })), notRestored: p.notRestored ?? [] };
}

/** Why the journal's primary is not there to undo into: merged away since, or deleted. */
async function primaryGone(tx: Executor, primaryId: number): Promise<never> {
  const [r] = await tx
    .select({ oldKey: contactRedirects.oldContactKey, key: contacts.contactKey, name: contacts.fullName })
    .from(contactRedirects)
    .innerJoin(contacts, eq(contacts.id, contactRedirects.contactId))
    .where(eq(contactRedirects.oldContactId, primaryId));
  if (r) {
    const into = r.name ? `${r.name} (${r.key})` : r.key;
    throw new ConflictError(`Nothing was undone: ${r.oldKey} has since been merged into ${into}. Undo that merge first.`);
  }
  throw new NotFoundError("Nothing was undone: the contact this merge went into no longer exists.");
}

const LABEL: Record<string, string> = { phone: "Phone", email: "E-mail", external: "External ID" };

/** The secondaries' identifiers that are not back on them: taken by another contact since, or removed. */
async function identifiersNotBack(tx: Executor, journal: MergeJournal, restored: number[]): Promise<string[]> {
  const back = (rows: JournalRow[]) => JSON.stringify(rows.filter((r) => restored.includes(Number(r.contact_id))));
  const rows = await tx.execute<{ kind: string; value: string; key: string; holder: string | null }>(sql`
    with missing as (
      select 'phone' as kind, j.e164 as value, j.contact_id,
             (select t.contact_id from contact_phones t where t.e164 = j.e164) as holder
      from jsonb_populate_recordset(null::contact_phones, ${back(journal.before.contact_phones)}::jsonb) j
      where not exists (select 1 from contact_phones t where t.id = j.id and t.contact_id = j.contact_id)
      union all
      select 'email', j.email, j.contact_id, (select t.contact_id from contact_emails t where t.email_normalized = j.email_normalized)
      from jsonb_populate_recordset(null::contact_emails, ${back(journal.before.contact_emails)}::jsonb) j
      where not exists (select 1 from contact_emails t where t.id = j.id and t.contact_id = j.contact_id)
      union all
      select 'external', j.system || ' ' || j.external_id, j.contact_id,
             (select t.contact_id from contact_external_ids t where t.system = j.system and t.external_id = j.external_id)
      from jsonb_populate_recordset(null::contact_external_ids, ${back(journal.before.contact_external_ids)}::jsonb) j
      where not exists (select 1 from contact_external_ids t where t.id = j.id and t.contact_id = j.contact_id)
    )
    select m.kind, m.value, c.contact_key as key, h.contact_key as holder
    from missing m join contacts c on c.id = m.contact_id left join contacts h on h.id = m.holder
    order by c.contact_key, m.kind, m.value`);
  return rows.map((r) =>
    r.holder
      ? `${LABEL[r.kind]} ${r.value} of ${r.key} stays with ${r.holder}, which holds it now.`
      : `${LABEL[r.kind]} ${r.value} of ${r.key} was removed since the merge.`,
  );
}

export interface UndoOptions {
  /** Refuse (404) a merge into another contact: the API names the merge under its contact. */
  primaryId?: number;
}

async function undoOnce(tx: Executor, journalId: number, actor: Actor, options: UndoOptions): Promise<UndoMergeResult> {
  await useSetWiseSettings(tx, { lockTimeoutMs: 5_000 });
  const [row] = await tx
    .select({ primaryId: mergeJournals.primaryId, journal: mergeJournals.journal, undoneAt: mergeJournals.undoneAt, open: sql<boolean>`${withinWindow}`, mergedAt: mergeJournals.mergedAt })
    .from(mergeJournals)
    .where(eq(mergeJournals.id, journalId))
    .for("update");
  if (!row || (options.primaryId !== undefined && row.primaryId !== options.primaryId)) {
    throw new NotFoundError("This merge cannot be undone: there is no record of it (it may have been erased).");
  }
  if (row.undoneAt) throw new ConflictError("This merge was already undone.");
  if (!row.open) {
    throw new ConflictError(`A merge can be undone for ${UNDO_WINDOW_DAYS} days only; this one was on ${row.mergedAt.toISOString().slice(0, 10)}. Nothing was changed.`);
  }
  const journal = row.journal as MergeJournal;
  const p = journal.primaryId;
  const [primary] = await tx.select({ id: contacts.id, contactKey: contacts.contactKey }).from(contacts).where(eq(contacts.id, p)).for("update");
  if (!primary) return primaryGone(tx, p);

  // A secondary comes back under its own id and Contact ID, or not at all.
  const secondaries = journal.before.contacts.filter((c) => Number(c.id) !== p);
  const taken = await tx
    .select({ id: contacts.id, contactKey: contacts.contactKey })
    .from(contacts)
    .where(or(inArray(contacts.id, journal.secondaryIds), inArray(contacts.contactKey, secondaries.map((c) => String(c.contact_key)))));
  const blocked = secondaries.filter((c) => taken.some((t) => t.id === Number(c.id) || t.contactKey === c.contact_key));
  const notRestored = blocked.map((c) => `${String(c.contact_key)} could not come back: its id or Contact ID is in use by another contact. Its data stays here.`);
  const restored = secondaries.filter((c) => !blocked.includes(c)).map((c) => ({ id: Number(c.id), contactKey: String(c.contact_key) }));
  if (restored.length === 0) throw new ConflictError(`Nothing was undone. ${notRestored.join(" ")}`);

  const scope: Scope = { tx, journal, restored: restored.map((r) => r.id) };
  const flags = await primaryFlags(tx, p);
  await restoreSecondaries(scope);
  await restoreLinksAndTags(scope);
  await restoreIdentifiers(scope, flags);
  await restoreAttributes(scope);
  await restoreHistory(scope);
  await restoreDismissals(scope);
  await restorePrimaryValues(scope);
  notRestored.push(...(await identifiersNotBack(tx, journal, scope.restored)));

  const keys = restored.map((r) => r.contactKey);
  const [activity] = await tx
    .insert(activities)
    .values({
      contactId: p,
      type: "merge_undone",
      summary: `Restored ${restored.length === 1 ? "1 merged contact" : `${restored.length} merged contacts`}: ${keys.join(", ")}`,
      payload: { journalId, restoredContactIds: scope.restored, restoredContactKeys: keys, notRestored },
      actorId: actor.id,
    })
    .returning({ id: activities.id });
  // The journal has done its job: its copies of the contacts' values go (the audit log keeps the merge's snapshot).
  await tx.update(mergeJournals).set({ undoneAt: sql`now()`, undoneById: actor.id, journal: {} }).where(eq(mergeJournals.id, journalId));
  // Its webhook events (lib/webhooks/events.ts): contact.created for each contact back, contact.updated for the primary.
  await recordAudit(tx, actor, {
    action: "contact.merge_undo",
    entityType: "contact",
    entityId: p,
    after: { journalId, contactKey: primary.contactKey, restoredContactIds: scope.restored, restoredContactKeys: keys, notRestored },
  });
  return { contactId: p, restored, notRestored, activityId: activity!.id };
}

/**
 * Undoes a merge within 30 days (SPEC §9), in one transaction: the secondaries come back with their
 * ids and Contact IDs and every row of theirs still on the primary; the primary gets back the values
 * the merge changed and nobody changed since. What cannot come back is listed; the rest proceeds.
 */
export async function undoMerge(journalId: number, actor: Actor, options: UndoOptions = {}): Promise<UndoMergeResult> {
  try {
    return await db.transaction((tx) => undoOnce(tx, journalId, actor, options));
  } catch (error) {
    if (isRetryable(error) || pgError(error)?.code === "55P03") {
      throw new ConflictError("This contact is being changed by someone else right now. Nothing was undone; please try again.");
    }
    throw error;
  }
}
