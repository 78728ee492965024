import { and, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db";
import { contacts, type NewContact } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { afterContactWrite } from "@/lib/duplicates/incremental";
import { addActivities, type ActivityInput } from "./activity";
import { loadContactSnapshot, type ContactSnapshot } from "./snapshot";
import { TRASHED_MESSAGE } from "./trashed";

export const STALE_MESSAGE = "This contact was changed by someone else — reload to see the changes";
export const GONE_MESSAGE = "This contact no longer exists. It may have been deleted or merged.";

export type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];


export interface ContactChange<T> {
  /** Columns of the contact row to set along with the version bump. */
  patch?: Partial<Omit<NewContact, "id" | "contactKey" | "version" | "createdAt">>;
  /** Events for the contact's timeline. */
  activities?: ActivityInput[];
  /** Nothing changed (e.g. a field saved with its current value): no version bump, no audit entry. */
  unchanged?: boolean;
  result: T;
}

export interface ContactWrite<T> {
  contactId: number;
  /**
   * The version the form loaded. A write based on an older one is refused. Left out only for
   * additions that cannot contradict anything (a note).
   */
  expectedVersion?: number;
  actor: Actor;
  /** The audit action, e.g. "contact.phone.add". */
  action: string;
  /** A contact in Trash is refused (as if gone) unless the write is one that may restore it (lib/contacts/trash.ts, an inbound message). */
  allowTrashed?: boolean;
  run: (tx: Tx, before: ContactSnapshot) => Promise<ContactChange<T>>;
}

/**
 * Every change to one contact goes through here: one transaction that locks the contact, refuses a
 * stale version, applies the change, bumps `version` and `updated_at` with
 * `UPDATE ... WHERE id = $1 AND version = $2`, adds the timeline events and records the audit entry
 * with the whole record before and after. Inside a caller's transaction (`on`), as part of it.
 *
 * The row lock comes first so that the "before" snapshot is exactly what the change applied to, and
 * so that concurrent writers of the same contact (identifiers, tags, merge) queue up behind it.
 */
export async function writeContact<T>(write: ContactWrite<T>, on: Executor = db): Promise<T> {
  return (await writeContactReturning(write, on)).result;
}

/** `writeContact`, also giving back the record as the transaction left it (the API answers it). */
export async function writeContactReturning<T>(write: ContactWrite<T>, on: Executor = db): Promise<{ result: T; after: ContactSnapshot }> {
  // In a caller's transaction the write is part of it (no savepoint: the caller does not go on after an error).
  const own = !("rollback" in on);
  let before: ContactSnapshot | null = null;
  const inTransaction = (work: (tx: Tx) => Promise<{ result: T; after: ContactSnapshot }>) => (own ? on.transaction(work) : work(on as Tx));
  const written = await inTransaction(async (tx) => {
    const [locked] = await tx
      .select({ version: contacts.version, trashedAt: contacts.trashedAt })
      .from(contacts)
      .where(eq(contacts.id, write.contactId))
      .for("update");
    if (!locked) throw new NotFoundError(GONE_MESSAGE);
    if (locked.trashedAt && !write.allowTrashed) throw new NotFoundError(TRASHED_MESSAGE);
    if (write.expectedVersion !== undefined && locked.version !== write.expectedVersion) {
      throw new ConflictError(STALE_MESSAGE, { reason: "stale" });
    }
    before = (await loadContactSnapshot(tx, write.contactId))!;
    const change = await write.run(tx, before);
    if (change.unchanged) return { result: change.result, after: before };
    await bumpVersion(tx, write.contactId, locked.version, change.patch);
    await addActivities(tx, write.contactId, write.actor, change.activities ?? []);
    const after = await loadContactSnapshot(tx, write.contactId);
    await recordAudit(tx, write.actor, {
      action: write.action,
      entityType: "contact",
      entityId: write.contactId,
      before,
      after,
    });
    return { result: change.result, after: after! };
  });
  // Inside a caller's transaction the caller's commit is not ours to wait for: the next full computation finds it.
  if (own) await afterContactWrite(write.contactId, before, written.after);
  return written;
}

/** The optimistic-locking update itself; zero rows means someone else's write got there first. */
export async function bumpVersion(
  tx: Executor,
  contactId: number,
  version: number,
  patch: ContactChange<unknown>["patch"] = {},
): Promise<void> {
  const rows = await tx
    .update(contacts)
    .set({ ...patch, version: sql`${contacts.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(contacts.id, contactId), eq(contacts.version, version)))
    .returning({ id: contacts.id });
  if (rows.length === 0) throw new ConflictError(STALE_MESSAGE, { reason: "stale" });
}
