import type { Executor } from "@/db";
import type { CurrentUser } from "@/lib/auth/session";
import { searchMatches, type ListTotal } from "@/lib/contacts/list";
import type { CompileContext } from "@/lib/filters/compile";
import type { Filter } from "@/lib/filters/schema";
import { BUILTIN_SEGMENTS } from "./builtins";
import { resolveView } from "./segments";

/** The segments All contacts leaves out (SPEC §3), where a search may still find someone. */
const HIDING_SEGMENTS = ["blocked", "archived"] as const;

export interface HiddenMatches {
  segment: (typeof HIDING_SEGMENTS)[number];
  label: string;
  total: ListTotal;
}

/**
 * How many contacts the same search and filter match in Blocked and in Archived, for a search of All
 * contacts that finds few or none: without it a blocked contact looks deleted. Only segments with a
 * match are returned.
 */
export async function hiddenSearchMatches(exec: Executor, search: string, filter: Filter, user: CurrentUser, ctx: CompileContext): Promise<HiddenMatches[]> {
  const found = await Promise.all(
    HIDING_SEGMENTS.map(async (segment) => {
      const view = await resolveView(segment, filter, user, ctx);
      const matches = await searchMatches(exec, search, { where: view.where, perRow: view.perRowWhere });
      const label = BUILTIN_SEGMENTS.find((s) => s.key === segment)!.label;
      return { segment, label, total: await matches.total() };
    }),
  );
  return found.filter((h) => h.total.count > 0);
}
