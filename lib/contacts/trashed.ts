import { isNull } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { contacts } from "@/db/schema";

/**
 * The one test of whether a contact is in Trash, in the two query styles: every read of contacts
 * (segments and so the list, counts, bulk selections and export; the API's pages; search; merge
 * candidates; lookups by id for the API) excludes trashed ones with it, and only the Trash segment
 * and the trash actions ask for them. A trashed contact keeps its phones, e-mails and external IDs,
 * so the unique indexes still reserve them.
 */

/** Over the contacts alias `c`, as lib/segments and lib/filters write their predicates. */
export const NOT_TRASHED = sql`c.trashed_at is null`;
export const IN_TRASH = sql`c.trashed_at is not null`;

/** For the Drizzle builder over `contacts`. */
export const notTrashed = () => isNull(contacts.trashedAt);

export const TRASHED_MESSAGE = "This contact is in Trash. An admin can restore it from Trash.";

/** How long a contact waits in Trash before the daily purge removes it (SWITCHBOARD_TRASH_DAYS, 30 by default). */
export function trashDays(value = process.env.SWITCHBOARD_TRASH_DAYS): number {
  const days = Number(value ?? 30);
  return Number.isInteger(days) && days >= 1 ? days : 30;
}
