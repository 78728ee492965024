import Link from "next/link";
import { db } from "@/db";
import type { CurrentUser } from "@/lib/auth/session";
import { listParamsToQuery, type ListParams } from "@/lib/contacts/list-params";
import type { CompileContext } from "@/lib/filters/compile";
import { EMPTY_FILTER } from "@/lib/filters/schema";
import { segmentsWithCounts } from "@/lib/segments/counts";

const fmt = new Intl.NumberFormat("en-US");

interface SegmentTabsProps {
  params: ListParams;
  user: CurrentUser;
  ctx: CompileContext;
}

/** Built-in and saved segments, each with its count; the current one is marked. */
export async function SegmentTabs({ params, user, ctx }: SegmentTabsProps) {
  const segments = await segmentsWithCounts(db, user, ctx);
  return (
    <nav aria-label="Segments" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1">
        {segments.map((s) => {
          const current = params.segment === s.key;
          const href = `/contacts${listParamsToQuery({ ...params, segment: s.key, filter: EMPTY_FILTER, page: 1, search: "" })}`;
          return (
            <li key={s.key}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`flex items-center gap-1.5 whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${
                  current ? "bg-indigo-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"
                }`}
              >
                {s.label}
                {s.shared && s.ownerId !== user.id && <span className="text-xs opacity-70">(shared)</span>}
                <span className={`rounded px-1 text-xs ${current ? "bg-indigo-500" : "bg-slate-100 text-slate-600"}`}>
                  {s.total && !s.total.exact && (
                    <>
                      <span className="sr-only">about </span>
                      <span aria-hidden>~</span>
                    </>
                  )}
                  {s.total ? fmt.format(s.total.count) : "—"}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
