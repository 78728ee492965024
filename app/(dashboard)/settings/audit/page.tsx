import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { NotAllowed } from "@/components/shell/not-allowed";
import { AuditEntryList } from "@/components/audit/entry-list";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { actorOptions } from "@/lib/audit-log/actors";
import { auditParamsToQuery, parseAuditParams, type AuditParams } from "@/lib/audit-log/params";
import { contactLabels, listAuditPage, resolveAuditFilters } from "@/lib/audit-log/query";
import { isAdminPage } from "../_components/admin-page";
import { SettingsHeader } from "../_components/settings-header";
import { AuditFiltersForm } from "./filters-form";
import { AuditListSkeleton } from "./skeleton";

export const metadata: Metadata = { title: "Audit log" };

const PARAM_NAMES: Record<string, string> = { actor: "actor", action: "action", type: "entity type", entity: "entity", from: "from date", to: "to date", before: "page" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await isAdminPage())) return <NotAllowed what="Settings are for admins only." />;
  const params = parseAuditParams(await searchParams);
  const actors = await actorOptions();
  const query = auditParamsToQuery(params.filters).toString();
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <SettingsHeader title="Audit log">Who changed what and when, newest first. Entries are never changed or removed, except by a GDPR erasure.</SettingsHeader>
      {params.ignored.length > 0 && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Ignored what the link held for: {params.ignored.map((k) => PARAM_NAMES[k] ?? k).join(", ")} (not a valid value).
        </p>
      )}
      <AuditFiltersForm filters={params.filters} actors={actors} />
      <div className="flex justify-end">
        <a href={`/api/audit/export${query ? `?${query}` : ""}`} className={buttonClass("secondary")} download>
          Export CSV
        </a>
      </div>
      <Suspense key={`${query}|${params.before ?? ""}`} fallback={<AuditListSkeleton />}>
        <AuditPageList params={params} />
      </Suspense>
    </div>
  );
}

async function AuditPageList({ params }: { params: AuditParams }) {
  const selection = await resolveAuditFilters(params.filters);
  const page = await listAuditPage(selection, params.before);
  const contacts = await contactLabels(page.entries);
  const here = `/settings/audit?${auditParamsToQuery(params.filters, params.before).toString()}`;
  return (
    <section aria-labelledby="entries-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id="entries-heading" className="text-base font-semibold">
        Entries
      </h2>
      {selection.contact && (
        <p className="mt-1 text-sm text-slate-600">
          Contact {selection.contact.contactKey}
          {selection.contact.mergedIds.length > 0 ? `, with the ${selection.contact.mergedIds.length} merged into it` : ""}.
        </p>
      )}
      {page.entries.length === 0 ? (
        <EmptyState title={params.before ? "No older entries" : "No entries match"}>Change or clear the filters to see more.</EmptyState>
      ) : (
        <AuditEntryList label="Audit entries, newest first" entries={page.entries} contacts={contacts} back={here} />
      )}
      <nav aria-label="Pages" className="mt-3 flex justify-between gap-2 text-sm">
        {params.before ? (
          <Link href={`/settings/audit?${auditParamsToQuery(params.filters).toString()}`} className="text-indigo-700 hover:underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {page.nextBefore && (
          <Link href={`/settings/audit?${auditParamsToQuery(params.filters, page.nextBefore).toString()}`} className="text-indigo-700 hover:underline">
            Older entries →
          </Link>
        )}
      </nav>
    </section>
  );
}
