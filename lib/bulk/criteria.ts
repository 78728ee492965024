import type { SQL } from "drizzle-orm";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/session";
import { searchPredicate } from "@/lib/contacts/list";
import { searchSchema } from "@/lib/contacts/list-params";
import { and } from "@/lib/contacts/list-sql";
import { NotFoundError } from "@/lib/errors";
import { loadFilterFields } from "@/lib/filters/context";
import { EMPTY_FILTER, filterSchema } from "@/lib/filters/schema";
import { isBuiltinSegment } from "@/lib/segments/builtins";
import { resolveView } from "@/lib/segments/segments";

/**
 * "Everything I am looking at" for a bulk action or an export: the list's segment, filter and
 * search, resolved by the very function the list page uses (lib/segments resolveView), so both
 * act on the set the list shows. Unlike the list, which falls back to All contacts, a segment
 * that is unknown, gone or not visible to the user is an error here: acting on everyone instead
 * would be the worst possible reading.
 */
export const listCriteriaSchema = z.object({
  /** A built-in segment key ("all", "mine", …) or a saved segment's id, as in the list's URL. */
  segment: z
    .union([z.string(), z.number().int().positive()])
    .transform(String)
    .refine((s) => isBuiltinSegment(s) || /^\d{1,15}$/.test(s), "Unknown segment.")
    .default("all"),
  filter: filterSchema.optional(),
  search: searchSchema.optional(),
});
export type ListCriteria = z.output<typeof listCriteriaSchema>;

/**
 * The criteria as one SQL predicate over the contacts alias `c`. Throws ValidationError for a
 * filter that names an unknown field or misuses an operator.
 */
export async function criteriaWhere(criteria: ListCriteria, user: CurrentUser): Promise<SQL> {
  const ctx = { fields: await loadFilterFields(), userId: user.id };
  const view = await resolveView(criteria.segment, criteria.filter ?? EMPTY_FILTER, user, ctx);
  if (view.segment !== criteria.segment) throw new NotFoundError("This segment no longer exists, or it is not shared with you.");
  return and([view.where, criteria.search ? searchPredicate(criteria.search) : undefined]);
}
