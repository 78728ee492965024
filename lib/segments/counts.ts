import type { Executor } from "@/db";
import type { CurrentUser } from "@/lib/auth/session";
import { countContacts, type ListTotal } from "@/lib/contacts/list";
import type { CompileContext } from "@/lib/filters/compile";
import { BUILTIN_SEGMENTS, builtinPredicate, builtinVisible } from "./builtins";
import { savedSegmentIsValid, savedSegmentPredicate, visibleSegments } from "./segments";

export interface SegmentSummary {
  /** A built-in key or a saved segment's id. */
  key: string;
  label: string;
  builtin: boolean;
  shared: boolean;
  ownerId: number | null;
  /** null when a saved filter no longer compiles (it names a deleted attribute). */
  total: ListTotal | null;
}

/** Every segment this user sees, built-in first, each with its count. */
export async function segmentsWithCounts(exec: Executor, user: CurrentUser, ctx: CompileContext): Promise<SegmentSummary[]> {
  const saved = await visibleSegments(user);
  const entries = [
    ...BUILTIN_SEGMENTS.filter((s) => builtinVisible(s.key, user.role)).map((s) => ({ key: s.key, label: s.label, builtin: true, shared: false, ownerId: null, where: builtinPredicate(s.key, user.id), perRowWhere: undefined })),
    ...saved.map((s) => {
      const valid = savedSegmentIsValid(s, ctx);
      return {
        key: String(s.id),
        label: s.name,
        builtin: false,
        shared: s.shared,
        ownerId: s.ownerId,
        where: valid ? savedSegmentPredicate(s, user, ctx) : undefined,
        perRowWhere: valid ? savedSegmentPredicate(s, user, { ...ctx, perRow: true }) : undefined,
      };
    }),
  ];
  const totals = await Promise.all(entries.map((e) => (e.where ? countContacts(exec, e.where, e.perRowWhere) : Promise.resolve(null))));
  return entries.map(({ where: _where, perRowWhere: _perRow, ...e }, i) => ({ ...e, total: totals[i] ?? null }));
}
