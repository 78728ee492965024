import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/db";
import { pageUser } from "@/lib/auth/page-user";
import { countContacts } from "@/lib/contacts/list";
import { and } from "@/lib/contacts/list-sql";
import { compileFilter } from "@/lib/filters/compile";
import { loadFilterContext } from "@/lib/filters/context";
import { BUILTIN_SEGMENTS, builtinPredicate } from "@/lib/segments/builtins";
import { visibleSegments } from "@/lib/segments/segments";
import { SegmentRowActions } from "./segment-row-actions";

export const metadata: Metadata = { title: "Segments" };

const fmt = new Intl.NumberFormat("en-US");

export default async function SegmentsPage() {
  const user = await pageUser();
  const [saved, filterContext] = await Promise.all([visibleSegments(user), loadFilterContext()]);
  const ctx = { fields: filterContext.fields, userId: user.id };
  const counts = await Promise.all([
    ...BUILTIN_SEGMENTS.map((s) => countContacts(db, builtinPredicate(s.key, user.id))),
    ...saved.map((s) => {
      try {
        return countContacts(db, and([builtinPredicate("all", user.id), compileFilter(s.filter, ctx)]));
      } catch {
        return Promise.resolve(null);
      }
    }),
  ]);
  const count = (i: number) => {
    const c = counts[i];
    return c ? `${c.exact ? "" : "about "}${fmt.format(c.count)}` : "filter no longer valid";
  };
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">Segments</h1>
      <section aria-labelledby="builtin-heading" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="builtin-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">Built in</h2>
        <ul className="divide-y divide-slate-100">
          {BUILTIN_SEGMENTS.map((s, i) => (
            <li key={s.key} className="flex items-center justify-between px-4 py-2 text-sm">
              <Link href={`/contacts?segment=${s.key}`} className="font-medium text-indigo-700 hover:underline">
                {s.label}
              </Link>
              <span className="text-slate-500">{count(i)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="saved-heading" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="saved-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">Saved</h2>
        {saved.length === 0 ? (
          <EmptyState title="No saved segments yet">
            <p>
              Filter the <Link href="/contacts" className="text-indigo-700 underline">contact list</Link> and choose “Save as segment”.
            </p>
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {saved.map((s, k) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
                <div>
                  <Link href={`/contacts?segment=${s.id}`} className="font-medium text-indigo-700 hover:underline">
                    {s.name}
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">
                    {s.shared ? "shared with the team" : "private"}
                    {s.ownerId !== user.id && " · by someone else"}
                  </span>
                </div>
                <div className="flex items-center gap-3">
                  <span className="text-slate-500">{count(BUILTIN_SEGMENTS.length + k)}</span>
                  {s.ownerId === user.id && <SegmentRowActions id={s.id} name={s.name} />}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
