import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { idArray } from "@/db/id-array";
import { useSetWiseSettings } from "@/db/set-wise";
import { activities, contactRedirects, contacts, type NewContact } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, isRetryable, NotFoundError, pgError, ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { idSchema } from "@/lib/forms";
import { userNamesOf } from "./merge-user-names";
import { defaultPrimaryId, MAX_MERGE, planMerge, type MergePlan } from "./merge-plan";
import { captureBeforeMerge, writeMergeJournal } from "./merge-journal";
import { loadContactSnapshot, loadContactSnapshots, type ContactSnapshot } from "./snapshot";
import { notTrashed } from "./trashed";

const contactIdsSchema = z
  .array(idSchema)
  .min(2, "Select at least 2 contacts to merge.")
  .max(MAX_MERGE, `At most ${MAX_MERGE} contacts can be merged at once.`)
  .superRefine((ids, ctx) => {
    const repeated = [...new Set(ids.filter((v, i) => ids.indexOf(v) !== i))];
    if (repeated.length) ctx.addIssue({ code: "custom", message: `Contact #${repeated.join(", #")} is listed more than once.` });
  });

const overridesSchema = z.record(z.string(), idSchema).optional();

function primaryAmong(v: { primaryId?: number; contactIds: number[] }, ctx: z.RefinementCtx) {
  if (v.primaryId !== undefined && !v.contactIds.includes(v.primaryId)) {
    ctx.addIssue({ code: "custom", path: ["primaryId"], message: "The primary contact must be one of the contacts being merged." });
  }
}

export const mergeInputSchema = z.object({ primaryId: idSchema, contactIds: contactIdsSchema, overrides: overridesSchema }).superRefine(primaryAmong);

export interface MergeInput {
  primaryId: number;
  contactIds: number[];
  /** Field id (or "attribute:<key>") → the contact whose value to keep instead of the rule's. */
  overrides?: Record<string, number>;
}

/** The preview's primary is optional: by default the oldest contact. */
export const previewInputSchema = z
  .object({ primaryId: idSchema.optional(), contactIds: contactIdsSchema, overrides: overridesSchema })
  .superRefine(primaryAmong);

export interface MergeOptions {
  /** How long to wait for another writer's row lock before giving up. */
  lockTimeoutMs?: number;
  /** Told about each serialization failure or deadlock that is about to be retried. */
  onRetry?: (error: unknown, attempt: number) => void;
  /** Contact id → the version the caller saw; a contact changed since refuses the merge ("Merge all" duplicates). */
  expectedVersions?: Record<number, number>;
}

export interface MergeResult {
  contactId: number;
  mergedContactIds: number[];
  contact: ContactSnapshot;
}

const MAX_ATTEMPTS = 4;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(parsed.error.issues[0]!.message, fieldErrorsOf(parsed.error));
}


/**
 * Refuses a merge naming a contact that is not there: already merged (its redirect says where to)
 * or missing/deleted. Called with the ids found, after locking, so the answer cannot go stale.
 */
async function assertAllPresent(tx: Executor, ids: readonly number[], found: ReadonlySet<number>): Promise<void> {
  const missing = ids.filter((i) => !found.has(i));
  if (missing.length === 0) return;
  const redirects = await tx
    .select({ oldId: contactRedirects.oldContactId, oldKey: contactRedirects.oldContactKey, key: contacts.contactKey, name: contacts.fullName })
    .from(contactRedirects)
    .innerJoin(contacts, eq(contacts.id, contactRedirects.contactId))
    .where(inArray(contactRedirects.oldContactId, missing));
  const messages = missing.map((m) => {
    const r = redirects.find((x) => x.oldId === m);
    return r
      ? `Contact ${r.oldKey} was already merged into ${r.name ? `${r.name} (${r.key})` : r.key}.`
      : `Contact #${m} does not exist or was deleted.`;
  });
  const message = `Nothing was merged. ${messages.join(" ")}`;
  if (redirects.length) throw new ValidationError(message, { contactIds: messages });
  throw new NotFoundError(message);
}

/**
 * Runs statements as one, in one round trip, as data-modifying CTEs: each sees the tables as they
 * were before, so they must touch different tables (or rows) and need no order between them.
 */
function together(statements: SQL[]): SQL {
  return sql`with ${sql.join(
    statements.map((statement, i) => sql`${sql.raw(`s${i}`)} as (${statement})`),
    sql`, `,
  )} select 1`;
}

/**
 * Moves every child row of the secondaries to the primary, set-wise, never breaking a unique index,
 * in two statements: first what must go before the moves, then the moves.
 */
async function moveChildren(tx: Executor, plan: MergePlan): Promise<void> {
  const p = plan.primaryId;
  const all = idArray(plan.order);
  const sec = idArray(plan.secondaryIds);
  const order = idArray(plan.order);
  const kept = Object.values(plan.attributes);
  const flagged = [
    ["contact_phones", plan.phones.find((x) => x.isPrimary)?.id ?? 0],
    ["contact_emails", plan.emails.find((x) => x.isPrimary)?.id ?? 0],
  ] as const;
  await tx.execute(
    together([
      // Unique indexes are checked row by row, so the primary's old flag goes first (when another is
      // chosen), then the moved rows arrive with only the chosen one flagged. Only the primary's rows
      // are unflagged first: every rewrite of a phone or e-mail also rewrites its contact's search document.
      ...flagged.map(([table, chosen]) => sql`update ${sql.raw(table)} set is_primary = false where contact_id = ${p} and is_primary and id <> ${chosen}`),
      // The same URL or tag on several contacts ends once: the first in rule order is kept.
      sql`
        delete from contact_links l using (
          select id, row_number() over (partition by url order by array_position(${order}, contact_id), id) as rn
          from contact_links where contact_id = any(${all})
        ) d where l.id = d.id and d.rn > 1`,
      sql`
        delete from contact_tags t using (
          select contact_id, tag_id, row_number() over (partition by tag_id order by array_position(${order}, contact_id)) as rn
          from contact_tags where contact_id = any(${all})
        ) d where t.contact_id = d.contact_id and t.tag_id = d.tag_id and d.rn > 1`,
      // An event's external_ref is one per contact (the sender's retry key, lib/contacts/events.ts).
      // When several of the merged contacts hold the same ref, the first in rule order (the primary's,
      // if it has it) keeps it, so a retry still finds one event; the others move as events like any
      // other but without the ref. Cleared rather than renamed: any rename could be a ref some sender
      // really uses, and the key's only job, finding that one event, is done by the one that kept it.
      sql`
        update activities a set external_ref = null from (
          select id, row_number() over (partition by external_ref order by array_position(${order}, contact_id), id) as rn
          from activities where contact_id = any(${all}) and external_ref is not null
        ) d where a.id = d.id and d.rn > 1`,
      // Custom attributes: exactly the values the plan kept (the rule, or the user's choice) survive.
      sql`
        delete from contact_attribute_values v
        where v.contact_id = any(${all})
          and not exists (
            select 1 from unnest(${idArray(kept.map((a) => a.attributeId))}, ${idArray(kept.map((a) => a.contactId))}) k(attribute_id, contact_id)
            where k.attribute_id = v.attribute_id and k.contact_id = v.contact_id)`,
    ]),
  );
  await tx.execute(
    together([
      ...flagged.map(
        ([table, chosen]) => sql`
          update ${sql.raw(table)} set contact_id = ${p}, is_primary = (id = ${chosen})
          where contact_id = any(${sec}) or (id = ${chosen} and not is_primary)`,
      ),
      ...["contact_external_ids", "contact_links", "contact_tags", "contact_attribute_values"].map(
        (table) => sql`update ${sql.raw(table)} set contact_id = ${p} where contact_id = any(${sec})`,
      ),
      // Notes and activities keep their own timestamps, so the primary's timeline stays chronological.
      sql`update notes set contact_id = ${p} where contact_id = any(${sec})`,
      sql`update activities set contact_id = ${p} where contact_id = any(${sec})`,
      // Old ids keep resolving: earlier redirects to a secondary now point at the primary.
      sql`update contact_redirects set contact_id = ${p} where contact_id = any(${sec})`,
      sql`
        insert into contact_redirects (old_contact_id, old_contact_key, contact_id, merged_at)
        select id, contact_key, ${p}, now() from contacts where id = any(${sec})`,
    ]),
  );
}

async function mergeOnce(
  tx: Executor,
  input: z.output<typeof mergeInputSchema>,
  actor: Actor,
  lockTimeoutMs: number,
  expectedVersions?: Record<number, number>,
): Promise<MergeResult> {
  await useSetWiseSettings(tx, { lockTimeoutMs });
  const ids = input.contactIds;
  // Ascending id order: two merges over overlapping contacts queue up instead of deadlocking.
  // A contact in Trash is not there to merge (SPEC §9): it is reported like a deleted one.
  const locked = await tx.select({ id: contacts.id, version: contacts.version }).from(contacts).where(and(inArray(contacts.id, ids), notTrashed())).orderBy(asc(contacts.id)).for("update");
  await assertAllPresent(tx, ids, new Set(locked.map((r) => r.id)));
  if (expectedVersions && locked.some((r) => expectedVersions[r.id] !== undefined && expectedVersions[r.id] !== r.version)) {
    throw new ConflictError("These contacts were changed since they were compared. Nothing was merged.", { reason: "stale" });
  }

  const before = await loadContactSnapshots(tx, ids);
  const plan = planMerge(before, input.primaryId, { overrides: input.overrides });
  // The undo's journal (30 days): the rows as they are now, before anything moves.
  const journalBefore = await captureBeforeMerge(tx, plan.primaryId, plan.secondaryIds);
  await moveChildren(tx, plan);

  const values = { ...plan.values } as Partial<NewContact>;
  await tx
    .update(contacts)
    .set({
      ...values,
      createdAt: plan.createdAt,
      lastInteractionAt: plan.lastInteractionAt,
      anonymous: plan.anonymous,
      updatedAt: sql`now()`,
      version: sql`${contacts.version} + 1`,
    })
    .where(eq(contacts.id, plan.primaryId));
  await tx.delete(contacts).where(inArray(contacts.id, plan.secondaryIds));

  const merged = before.filter((s) => s.contact.id !== plan.primaryId);
  const [activity] = await tx
    .insert(activities)
    .values({
      contactId: plan.primaryId,
      type: "merged",
      summary: `Merged ${ids.length} contacts`,
      payload: {
        mergedContactIds: merged.map((s) => s.contact.id),
        mergedContactKeys: merged.map((s) => s.contact.contactKey),
        overrides: input.overrides ?? {},
      },
      actorId: actor.id,
    })
    .returning({ id: activities.id });
  await writeMergeJournal(tx, { primaryId: plan.primaryId, secondaryIds: plan.secondaryIds, activityId: activity!.id, before: journalBefore });
  const after = (await loadContactSnapshot(tx, plan.primaryId))!;
  await recordAudit(tx, actor, {
    action: "contact.merge",
    entityType: "contact",
    entityId: plan.primaryId,
    before: { primaryId: plan.primaryId, contacts: before },
    after: { contact: after, mergedContactIds: plan.secondaryIds, overrides: input.overrides ?? {} },
  });
  return { contactId: plan.primaryId, mergedContactIds: plan.secondaryIds, contact: after };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Merges 2–25 contacts into `primaryId` (SPEC §5) in one transaction: all of it lands or none of it.
 * Retried as a whole on a serialization failure or deadlock; gives up on a lock held too long.
 */
export async function mergeContacts(input: MergeInput, actor: Actor, options: MergeOptions = {}): Promise<MergeResult> {
  const parsed = parse(mergeInputSchema, input);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => mergeOnce(tx, parsed, actor, options.lockTimeoutMs ?? 5_000, options.expectedVersions));
    } catch (error) {
      if (isRetryable(error) && attempt < MAX_ATTEMPTS) {
        options.onRetry?.(error, attempt);
        await sleep(Math.random() * 25 * 2 ** attempt);
        continue;
      }
      if (isRetryable(error) || pgError(error)?.code === "55P03") {
        throw new ConflictError("These contacts are being changed by someone else right now. Nothing was merged; please try again.");
      }
      throw error;
    }
  }
}

export interface MergePreview {
  contacts: ContactSnapshot[];
  plan: MergePlan;
  /** Names of the users a user field (the favorite agent) names, by id: the preview shows names, not ids. */
  userNames: Record<string, string>;
}

/** What a merge of `contactIds` would produce, for the drawer. Reads only; refuses what a merge would refuse. */
export async function previewMerge(
  contactIds: number[],
  primaryId?: number,
  overrides?: Record<string, number>,
): Promise<MergePreview> {
  const input = parse(previewInputSchema, { contactIds, primaryId, overrides });
  const snapshots = (await loadContactSnapshots(db, input.contactIds)).filter((s) => !s.contact.trashedAt);
  await assertAllPresent(db, input.contactIds, new Set(snapshots.map((s) => s.contact.id)));
  const primary = input.primaryId ?? defaultPrimaryId(snapshots)!;
  const plan = planMerge(snapshots, primary, { overrides: input.overrides });
  return { contacts: snapshots, plan, userNames: await userNamesOf(plan) };
}

export interface ResolvedContactId {
  contactId: number;
  /** Set when `id` was merged away: the old id and Contact ID, for "This contact was merged into …". */
  mergedFrom: { id: number; contactKey: string } | null;
}

/** Follows a merged-away id to the contact it went into (redirects are kept pointing at the final one). */
export async function resolveContactId(contactId: number): Promise<ResolvedContactId | null> {
  if (!Number.isSafeInteger(contactId) || contactId <= 0) return null;
  const [live] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId)).limit(1);
  if (live) return { contactId, mergedFrom: null };
  const [redirect] = await db.select().from(contactRedirects).where(eq(contactRedirects.oldContactId, contactId)).limit(1);
  if (!redirect) return null;
  return { contactId: redirect.contactId, mergedFrom: { id: contactId, contactKey: redirect.oldContactKey } };
}

export interface ResolvedContactKey {
  id: number;
  contactKey: string;
  /** The key asked for was merged away into this contact. */
  merged: boolean;
}

/** The same for Contact IDs (how the API names contacts): the live contact, or the one a merged-away Contact ID went into. */
export async function resolveContactKey(contactKey: string, exec: Executor = db): Promise<ResolvedContactKey | null> {
  return (await resolveContactKeys([contactKey], exec)).get(contactKey) ?? null;
}

/** Several at once (a merge names up to 25), keyed by the Contact ID asked for; unknown ones are left out. */
export async function resolveContactKeys(keys: readonly string[], exec: Executor = db): Promise<Map<string, ResolvedContactKey>> {
  const found = new Map<string, ResolvedContactKey>();
  if (keys.length === 0) return found;
  // A contact in Trash is unknown to the API (SPEC §9), as are merged-away keys that lead to one.
  const live = await exec.select({ id: contacts.id, contactKey: contacts.contactKey }).from(contacts).where(and(inArray(contacts.contactKey, [...keys]), notTrashed()));
  for (const c of live) found.set(c.contactKey, { ...c, merged: false });
  const missing = keys.filter((k) => !found.has(k));
  if (missing.length === 0) return found;
  const moved = await exec
    .select({ oldKey: contactRedirects.oldContactKey, id: contacts.id, contactKey: contacts.contactKey })
    .from(contactRedirects)
    .innerJoin(contacts, eq(contacts.id, contactRedirects.contactId))
    .where(and(inArray(contactRedirects.oldContactKey, missing), notTrashed()));
  for (const r of moved) found.set(r.oldKey, { id: r.id, contactKey: r.contactKey, merged: true });
  return found;
}
