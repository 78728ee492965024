import { and as andWhere, asc, eq, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { segments, type Segment } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { compileFilter, type CompileContext } from "@/lib/filters/compile";
import { filterSchema, type Filter } from "@/lib/filters/schema";
import { searchPredicate } from "@/lib/contacts/list";
import { searchSchema } from "@/lib/contacts/list-params";
import { refuseControlChars } from "@/lib/fields/text";
import { and } from "@/lib/contacts/list-sql";
import { builtinPredicate, builtinVisible, isBuiltinSegment } from "./builtins";

export const segmentInputSchema = z.object({
  name: z.string().trim().min(1, "Give the segment a name.").max(100).superRefine(refuseControlChars("The name")),
  filter: filterSchema,
  search: searchSchema.default(""),
  shared: z.coerce.boolean().default(false),
});

/**
 * A change to some of a segment's fields. Without the input schema's defaults: zod applies a
 * default even to a field left out of a partial object, so a rename would otherwise unshare the
 * segment and drop its search.
 */
const segmentChangeSchema = z
  .object({
    name: segmentInputSchema.shape.name,
    filter: filterSchema,
    search: searchSchema,
    shared: z.coerce.boolean(),
  })
  .partial();

/** Saved segments this user may see: their own and the shared ones. */
export async function visibleSegments(user: CurrentUser): Promise<Segment[]> {
  return db
    .select()
    .from(segments)
    .where(or(eq(segments.ownerId, user.id), eq(segments.shared, true)))
    .orderBy(asc(segments.name), asc(segments.id));
}

/** Whether this user may change a saved segment: its owner, or an admin when it is shared with the team. */
export function mayChangeSegment(segment: { ownerId: number | null; shared: boolean }, user: CurrentUser): boolean {
  return segment.ownerId === user.id || (segment.shared && can(user.role, "segments.manage"));
}

/** The saved segment with this id if this user sees it (their own or a shared one), else null. */
export async function findVisibleSegment(id: number, user: CurrentUser, exec: Executor = db): Promise<Segment | null> {
  const [row] = await exec
    .select()
    .from(segments)
    .where(andWhere(eq(segments.id, id), or(eq(segments.ownerId, user.id), eq(segments.shared, true))));
  return row ?? null;
}

/** The segment, locked for this transaction, after checking this user may change it. */
async function changeableSegment(tx: Executor, id: number, user: CurrentUser): Promise<Segment> {
  const [segment] = await tx.select().from(segments).where(eq(segments.id, id)).for("update");
  if (!segment || (segment.ownerId !== user.id && !segment.shared)) throw new NotFoundError("That segment no longer exists.");
  if (!mayChangeSegment(segment, user)) throw new ForbiddenError("Only its owner or an admin can change a shared segment.");
  return segment;
}

export async function createSegment(input: z.input<typeof segmentInputSchema>, user: CurrentUser, actor: Actor): Promise<Segment> {
  const data = segmentInputSchema.parse(input);
  if (data.shared && !can(user.role, "segments.share")) throw new ForbiddenError("Only supervisors and admins can share segments.");
  return db.transaction(async (tx) => {
    const [segment] = await tx
      .insert(segments)
      .values({ name: data.name, filter: data.filter, search: data.search || null, shared: data.shared, ownerId: user.id })
      .returning();
    await recordAudit(tx, actor, { action: "segment.create", entityType: "segment", entityId: segment!.id, after: segment });
    return segment!;
  });
}

/** Renames a segment or changes its conditions (filter, search); audited with before and after. */
export async function updateSegment(
  id: number,
  input: z.input<typeof segmentChangeSchema>,
  user: CurrentUser,
  actor: Actor,
): Promise<Segment> {
  const data = segmentChangeSchema.parse(input);
  if (data.shared && !can(user.role, "segments.share")) throw new ForbiddenError("Only supervisors and admins can share segments.");
  return db.transaction(async (tx) => {
    const before = await changeableSegment(tx, id, user);
    // An admin may correct a shared segment, but who sees it stays its owner's choice.
    if (data.shared !== undefined && data.shared !== before.shared && before.ownerId !== user.id) {
      throw new ForbiddenError("Only its owner can change who sees a segment.");
    }
    const [after] = await tx
      .update(segments)
      .set({ ...data, ...(data.search !== undefined ? { search: data.search || null } : {}), updatedAt: new Date() })
      .where(eq(segments.id, id))
      .returning();
    await recordAudit(tx, actor, { action: "segment.update", entityType: "segment", entityId: id, before, after });
    return after!;
  });
}

export async function deleteSegment(id: number, user: CurrentUser, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await changeableSegment(tx, id, user);
    await tx.delete(segments).where(eq(segments.id, id));
    await recordAudit(tx, actor, { action: "segment.delete", entityType: "segment", entityId: id, before });
  });
}

/**
 * What a saved segment stands for: All contacts, its filter and its own search (for the list, its
 * count, bulk actions and export alike). A filter that no longer compiles (a deleted attribute)
 * matches nothing rather than everything.
 */
export function savedSegmentPredicate(segment: Segment, user: CurrentUser, ctx: CompileContext): SQL {
  let filterWhere: SQL | undefined;
  try {
    filterWhere = compileFilter(segment.filter, ctx);
  } catch {
    filterWhere = sql`false`;
  }
  return and([builtinPredicate("all", user.id), filterWhere, searchPredicate(segment.search ?? "")]);
}

/** What the list shows of the segment it stands for, or whose conditions are being edited. */
export interface OpenSegment {
  id: number;
  name: string;
  filter: Filter;
  search: string;
  shared: boolean;
  ownedByMe: boolean;
  /** Whether "Update segment" is offered; the server checks again (mayChangeSegment). */
  canUpdate: boolean;
  /** The list shows edited conditions (URL `edit`), not the saved ones. */
  editing: boolean;
}

export function openSegment(segment: Segment, user: CurrentUser, editing: boolean): OpenSegment {
  const filter = filterSchema.safeParse(segment.filter);
  return {
    id: segment.id,
    name: segment.name,
    filter: filter.success ? filter.data : { join: "and", conditions: [] },
    search: segment.search ?? "",
    shared: segment.shared,
    ownedByMe: segment.ownerId === user.id,
    canUpdate: mayChangeSegment(segment, user),
    editing,
  };
}

/** Whether a saved segment's filter still compiles against the workspace's fields. */
export function savedSegmentIsValid(segment: Segment, ctx: CompileContext): boolean {
  try {
    compileFilter(segment.filter, ctx);
    return true;
  } catch {
    return false;
  }
}

export interface ResolvedView {
  /** "all" | "mine" | … or a saved segment's id as a string. */
  segment: string;
  saved: Segment | null;
  /** The segment (with a saved segment's search) and the filter; the search box is added by the list. */
  where: SQL;
  /** The same with per-row subqueries (lib/filters `perRow`), for walking the list's sort index. */
  perRowWhere: SQL;
}

/**
 * The predicate for a segment from the URL (a built-in key or a saved id this user can see) and an
 * extra filter. An unknown segment (or Trash, for a role that may not see it) falls back to All contacts.
 */
export async function resolveView(
  segmentParam: string | undefined,
  filter: Filter,
  user: CurrentUser,
  ctx: CompileContext,
): Promise<ResolvedView> {
  let segment = "all";
  let saved: Segment | null = null;
  let base: (c: CompileContext) => SQL = () => builtinPredicate("all", user.id);
  if (segmentParam && isBuiltinSegment(segmentParam) && builtinVisible(segmentParam, user.role)) {
    segment = segmentParam;
    base = () => builtinPredicate(segmentParam, user.id);
  } else if (segmentParam && /^\d{1,15}$/.test(segmentParam)) {
    const row = await findVisibleSegment(Number(segmentParam), user);
    if (row) {
      saved = row;
      segment = String(row.id);
      base = (c) => savedSegmentPredicate(row, user, c);
    }
  }
  const view = (c: CompileContext) => and([base(c), compileFilter(filter, c)]);
  return { segment, saved, where: view(ctx), perRowWhere: view({ ...ctx, perRow: true }) };
}
