import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { readDb } from "@/db/replica";
import { pageUser } from "@/lib/auth/page-user";
import { loadFilterContext } from "@/lib/filters/context";
import { segmentsWithCounts, type SegmentSummary } from "@/lib/segments/counts";
import { DEFAULT_LIST_PARAMS, listParamsToQuery } from "@/lib/contacts/list-params";
import { mayChangeSegment, openSegment, visibleSegments } from "@/lib/segments/segments";
import { SegmentRowActions } from "./segment-row-actions";

export const metadata: Metadata = { title: "Segments" };

const fmt = new Intl.NumberFormat("en-US");

export default async function SegmentsPage() {
  const user = await pageUser();
  const filterContext = await loadFilterContext();
  const [segments, stored] = await Promise.all([segmentsWithCounts(await readDb({ user: user.id }), user, { fields: filterContext.fields, userId: user.id }), visibleSegments(user)]);
  // "Edit conditions" opens the list editing the segment: its conditions in the URL (lib/contacts/list-params `edit`).
  const editHref = new Map(
    stored.map((s) => {
      const { filter, search } = openSegment(s, user, true);
      return [String(s.id), `/contacts${listParamsToQuery({ ...DEFAULT_LIST_PARAMS, filter, search, edit: String(s.id) })}`];
    }),
  );
  const builtins = segments.filter((s) => s.builtin);
  const saved = segments.filter((s) => !s.builtin);
  const count = (s: SegmentSummary) => (s.total ? `${s.total.exact ? "" : "about "}${fmt.format(s.total.count)}` : "filter no longer valid");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">Segments</h1>
      <section aria-labelledby="builtin-heading" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="builtin-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">Built in</h2>
        <ul className="divide-y divide-slate-100">
          {builtins.map((s) => (
            <li key={s.key} className="flex items-center justify-between px-4 py-2 text-sm">
              <Link href={`/contacts?segment=${s.key}`} className="font-medium text-indigo-700 hover:underline">
                {s.label}
              </Link>
              <span className="text-slate-500">{count(s)}</span>
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
            {saved.map((s) => (
              <li key={s.key} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
                <div>
                  <Link href={`/contacts?segment=${s.key}`} className="font-medium text-indigo-700 hover:underline">
                    {s.label}
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">
                    {s.shared ? "shared with the team" : "private"}
                    {s.ownerId !== user.id && " · by someone else"}
                  </span>
                </div>
                <div className="flex items-center gap-3">
                  <span className="text-slate-500">{count(s)}</span>
                  {editHref.has(s.key) && (
                    <Link href={editHref.get(s.key)!} aria-label={`Edit conditions of ${s.label}`} className="whitespace-nowrap rounded-md px-3 py-2 font-semibold text-indigo-700 hover:bg-slate-100">
                      Edit conditions
                    </Link>
                  )}
                  {mayChangeSegment(s, user) && <SegmentRowActions id={Number(s.key)} name={s.label} />}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
