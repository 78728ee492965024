import { and as drizzleAnd, asc, eq, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { attributeDefinitions, segments } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/session";
import { searchPredicate } from "@/lib/contacts/list";
import { MAX_SEARCH_LENGTH } from "@/lib/contacts/list-params";
import { and } from "@/lib/contacts/list-sql";
import { NotFoundError } from "@/lib/errors";
import { compileFilter } from "@/lib/filters/compile";
import { filterFields, type FilterField } from "@/lib/filters/fields";
import { filterSchema, isGroup, type Filter } from "@/lib/filters/schema";

/**
 * Which contacts a view of the list means: a segment (built-in or saved), the filter on top of it
 * and the quick search. Bulk actions and the export resolve "everything I am looking at" through
 * here, so they can never act on a different set than the list shows.
 */
export const BUILTIN_SEGMENTS = ["all", "mine", "leads", "blocked", "archived"] as const;
export type BuiltinSegment = (typeof BUILTIN_SEGMENTS)[number];

export const BUILTIN_SEGMENT_LABELS: Record<BuiltinSegment, string> = {
  all: "All contacts",
  mine: "My contacts",
  leads: "Leads",
  blocked: "Blocked",
  archived: "Archived",
};

/** A built-in segment by name, or a saved segment by its id (as it appears in the URL: `segment=12`). */
export const segmentRefSchema = z.union([
  z.enum(BUILTIN_SEGMENTS),
  z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
]);
export type SegmentRef = z.infer<typeof segmentRefSchema>;

export const listCriteriaSchema = z.object({
  segment: segmentRefSchema.default("all"),
  filter: filterSchema.optional(),
  search: z
    .string()
    .max(1000)
    .transform((s) => s.replace(/\s+/g, " ").trim().slice(0, MAX_SEARCH_LENGTH))
    .optional(),
});
export type ListCriteria = z.output<typeof listCriteriaSchema>;

/** The fields a filter may name in this workspace (system fields and custom attributes). */
export async function loadFilterFields(exec: Executor = db): Promise<FilterField[]> {
  const attributes = await exec
    .select({
      id: attributeDefinitions.id,
      key: attributeDefinitions.key,
      label: attributeDefinitions.label,
      type: attributeDefinitions.type,
      options: attributeDefinitions.options,
    })
    .from(attributeDefinitions)
    .orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.id));
  return filterFields(attributes);
}

function namesField(filter: Filter | undefined, ids: readonly string[]): boolean {
  if (!filter) return false;
  return filter.conditions.some((item) => (isGroup(item) ? item.conditions.some((c) => ids.includes(c.field)) : ids.includes(item.field)));
}

/**
 * Blocked and archived contacts are out of every segment but their own, unless the filter asks
 * about them: "All contacts" + "Blocked is true" lists the blocked ones rather than nothing.
 */
function hiddenStates(filters: (Filter | undefined)[]): SQL | undefined {
  const parts: SQL[] = [];
  if (!filters.some((f) => namesField(f, ["archived", "archivedAt"]))) parts.push(sql`not c.archived`);
  if (!filters.some((f) => namesField(f, ["blocked", "blockedAt"]))) parts.push(sql`not c.blocked`);
  return parts.length ? and(parts) : undefined;
}

/**
 * The criteria as one SQL predicate over the contacts alias `c`. Throws ValidationError for a
 * filter that names an unknown field or misuses an operator, NotFoundError for a saved segment
 * that is gone or neither the user's own nor shared.
 */
export async function criteriaWhere(criteria: ListCriteria, user: Pick<CurrentUser, "id">, exec: Executor = db): Promise<SQL> {
  const fields = await loadFilterFields(exec);
  const ctx = { fields, userId: user.id };
  const parts: (SQL | undefined)[] = [];
  const segment = criteria.segment;
  if (typeof segment === "number") {
    const [saved] = await exec
      .select({ filter: segments.filter, search: segments.search })
      .from(segments)
      .where(drizzleAnd(eq(segments.id, segment), or(eq(segments.ownerId, user.id), eq(segments.shared, true))));
    if (!saved) throw new NotFoundError("This segment no longer exists, or it is not shared with you.");
    const savedFilter = filterSchema.safeParse(saved.filter);
    parts.push(hiddenStates([savedFilter.success ? savedFilter.data : undefined, criteria.filter]));
    parts.push(compileFilter(saved.filter, ctx));
    parts.push(searchPredicate((saved.search ?? "").trim()));
  } else if (segment === "blocked") {
    parts.push(sql`c.blocked`);
  } else if (segment === "archived") {
    parts.push(sql`c.archived`);
  } else {
    parts.push(hiddenStates([criteria.filter]));
    if (segment === "mine") parts.push(sql`c.favorite_agent_id = ${user.id}`);
    if (segment === "leads") parts.push(sql`c.lead_stage = 'lead'`);
  }
  if (criteria.filter) parts.push(compileFilter(criteria.filter, ctx));
  if (criteria.search) parts.push(searchPredicate(criteria.search));
  return and(parts);
}
