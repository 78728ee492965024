import Link from "next/link";
import { Fragment } from "react";
import type { Suggestion } from "@/lib/contacts/search-suggestions";
import { listParamsToQuery, type ListParams } from "@/lib/contacts/list-params";
import { countOf } from "@/lib/plural";
import type { HiddenMatches } from "@/lib/segments/hidden-matches";

interface SearchHintsProps {
  params: ListParams;
  hidden: HiddenMatches[];
  suggestions: Suggestion[];
}

/** "1 match in Blocked · 2 matches in Archived" and "Did you mean…", under a search that found few or none. */
export function SearchHints({ params, hidden, suggestions }: SearchHintsProps) {
  if (!hidden.length && !suggestions.length) return null;
  return (
    <div className="mx-auto mt-4 max-w-xl space-y-3 text-left text-sm text-slate-700">
      {hidden.length > 0 && (
        <p>
          <span className="text-slate-600">Not in All contacts: </span>
          {hidden.map((h, i) => (
            <Fragment key={h.segment}>
              {i > 0 && <span aria-hidden="true"> · </span>}
              <Link href={`/contacts${listParamsToQuery({ ...params, segment: h.segment, page: 1 })}`} className="text-indigo-700 underline">
                {h.total.exact ? "" : "about "}
                {countOf(h.total.count, "match", "matches")} in {h.label}
              </Link>
            </Fragment>
          ))}
        </p>
      )}
      {suggestions.length > 0 && (
        <section aria-labelledby="did-you-mean">
          <h2 id="did-you-mean" className="font-semibold text-slate-900">
            Did you mean…
          </h2>
          <ul className="mt-1 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {suggestions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-baseline gap-x-2 px-3 py-2">
                <Link href={`/contacts/${s.id}`} className="font-medium text-indigo-700 underline">
                  {s.name}
                </Link>
                {s.detail && <span className="min-w-0 truncate text-slate-500">{s.detail}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
