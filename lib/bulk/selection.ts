import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { idArray } from "@/db/id-array";
import type { CurrentUser } from "@/lib/auth/session";
import { ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { idSchema } from "@/lib/forms";
import { and } from "@/lib/contacts/list-sql";
import { IN_TRASH, NOT_TRASHED } from "@/lib/contacts/trashed";
import { criteriaWhere, listCriteriaSchema, type ListCriteria } from "./criteria";

/** Rows picked by hand are at most a few pages; "all N matching" goes through criteria instead. */
export const MAX_SELECTED_IDS = 10_000;

/**
 * What a bulk action or export applies to: the rows the user ticked (`ids`), or everything the
 * list shows for a segment, filter and search (`all`) — which is also what "nothing selected"
 * and "all N matching" mean.
 */
export const selectionSchema = z.union([
  z.object({ ids: z.array(idSchema).min(1, "Select at least one contact.").max(MAX_SELECTED_IDS, `Select at most ${MAX_SELECTED_IDS} rows, or use “all matching”.`) }),
  z.object({ all: listCriteriaSchema }),
]);
export type Selection = z.input<typeof selectionSchema>;
export type ParsedSelection = z.output<typeof selectionSchema>;

/** A selection as stored with a job and in the audit log. */
export type SelectionCriteria = { ids: number[] } | { all: ListCriteria };

export interface ResolvedSelection {
  /** The predicate over the contacts alias `c`. */
  where: SQL;
  criteria: SelectionCriteria;
  /** The exact number of contacts the selection holds now. */
  count(): Promise<number>;
  /**
   * Fixes the selection's ids as the items of a bulk job, in one INSERT … SELECT, in id order;
   * returns how many. Call it in the transaction that records the job.
   */
  snapshot(tx: Executor, jobId: string): Promise<number>;
}


/**
 * Which contacts a selection may reach: the live ones (every action and the export), or those in
 * Trash (Restore, Delete forever). Ticked ids of the other kind are left out, whatever the client sent.
 */
export type SelectionScope = "live" | "trash";

/** Resolves a selection (parsed again here, so any caller gets the same checks). */
export async function resolveSelection(raw: Selection, user: CurrentUser, scope: SelectionScope = "live"): Promise<ResolvedSelection> {
  const parsed = selectionSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("The selection is not valid.", fieldErrorsOf(parsed.error));
  const input = parsed.data;
  let where: SQL;
  let criteria: SelectionCriteria;
  if ("ids" in input) {
    const ids = [...new Set(input.ids)].sort((a, b) => a - b);
    where = sql`c.id = any(${idArray(ids)})`;
    criteria = { ids };
  } else {
    where = await criteriaWhere(input.all, user);
    criteria = { all: input.all };
  }
  where = and([where, scope === "trash" ? IN_TRASH : NOT_TRASHED]);
  return {
    where,
    criteria,
    async count() {
      const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from contacts c where ${where}`);
      return Number(row?.n ?? 0);
    },
    async snapshot(tx, jobId) {
      const [row] = await tx.execute<{ n: number }>(sql`
        with fixed as (
          insert into bulk_job_items (job_id, contact_id)
          select ${jobId}::uuid, c.id from contacts c where ${where} order by c.id
          returning 1)
        select count(*)::int as n from fixed`);
      return Number(row?.n ?? 0);
    },
  };
}

/** The exact number of contacts a selection holds, for the confirmation ("Tag 12 408 contacts?"). */
export async function countSelection(input: Selection, user: CurrentUser, scope: SelectionScope = "live"): Promise<number> {
  return (await resolveSelection(input, user, scope)).count();
}
