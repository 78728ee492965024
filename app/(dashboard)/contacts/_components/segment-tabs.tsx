import Link from "next/link";
import { db } from "@/db";
import type { CurrentUser } from "@/lib/auth/session";
import { countContacts } from "@/lib/contacts/list";
import { listParamsToQuery, type ListParams } from "@/lib/contacts/list-params";
import { compileFilter, type CompileContext } from "@/lib/filters/compile";
import { BUILTIN_SEGMENTS, builtinPredicate } from "@/lib/segments/builtins";
import { visibleSegments } from "@/lib/segments/segments";
import { and } from "@/lib/contacts/list-sql";

const fmt = new Intl.NumberFormat("en-US");

interface SegmentTabsProps {
  params: ListParams;
  user: CurrentUser;
  ctx: CompileContext;
}

/** Built-in and saved segments, each with its count; the current one is marked. */
export async function SegmentTabs({ params, user, ctx }: SegmentTabsProps) {
  const saved = await visibleSegments(user);
  const entries = [
    ...BUILTIN_SEGMENTS.map((s) => ({ key: s.key, label: s.label, where: builtinPredicate(s.key, user.id), shared: false })),
    ...saved.map((s) => {
      let where;
      try {
        where = and([builtinPredicate("all", user.id), compileFilter(s.filter, ctx)]);
      } catch {
        where = undefined;
      }
      return { key: String(s.id), label: s.name, where, shared: s.shared && s.ownerId !== user.id };
    }),
  ];
  const counts = await Promise.all(entries.map((e) => (e.where ? countContacts(db, e.where) : Promise.resolve(null))));
  return (
    <nav aria-label="Segments" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1">
        {entries.map((e, i) => {
          const current = params.segment === e.key;
          const count = counts[i];
          const href = `/contacts${listParamsToQuery({ ...params, segment: e.key, filter: { join: "and", conditions: [] }, page: 1, search: "" })}`;
          return (
            <li key={e.key}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`flex items-center gap-1.5 whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${
                  current ? "bg-indigo-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"
                }`}
              >
                {e.label}
                {e.shared && <span className="text-xs opacity-70">(shared)</span>}
                <span className={`rounded px-1 text-xs ${current ? "bg-indigo-500" : "bg-slate-100 text-slate-600"}`}>
                  {count ? `${count.exact ? "" : "~"}${fmt.format(count.count)}` : "—"}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
