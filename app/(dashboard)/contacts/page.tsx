import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { TableSkeleton } from "@/components/data-table/table-skeleton";
import { EmptyState } from "@/components/ui/empty-state";
import { readDb } from "@/db/replica";
import { pageUser } from "@/lib/auth/page-user";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { listContacts } from "@/lib/contacts/list";
import { listParamsToQuery, parseListParams, type ListParams } from "@/lib/contacts/list-params";
import { loadListContext, type ListContext } from "@/lib/contacts/table-preferences";
import { ContactsTable } from "./_components/contacts-table";
import { ContactsSearch } from "./_components/contacts-search";
import { CustomizeTable } from "./_components/customize-table";
import { ExportViewButton } from "./_components/bulk/export-view-button";
import { buttonClass } from "@/components/ui/button";
import { FilterBar } from "./_components/filter/filter-bar";
import { SearchHints } from "./_components/search-hints";
import { SegmentTabs } from "./_components/segment-tabs";
import { RESULTS_ID } from "./_components/results-id";
import { loadFilterContext } from "@/lib/filters/context";
import { isEmptyFilter } from "@/lib/filters/schema";
import { findVisibleSegment, openSegment, resolveView } from "@/lib/segments/segments";
import { trashDays } from "@/lib/contacts/trashed";
import { hiddenSearchMatches } from "@/lib/segments/hidden-matches";
import { FEW_MATCHES } from "@/lib/contacts/search-suggestions";
import type { CompileContext } from "@/lib/filters/compile";
import type { SQL } from "drizzle-orm";
import type { Option } from "@/lib/contacts/fields";

export const metadata: Metadata = { title: "Contacts" };

interface ContactsPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ContactsPage({ searchParams }: ContactsPageProps) {
  const user = await pageUser();
  const [context, filterContext] = await Promise.all([loadListContext(user.id), loadFilterContext()]);
  const sortable = new Set(context.columns.filter((c) => c.sortable).map((c) => c.id));
  let params = parseListParams(await searchParams, sortable);
  const ctx = { fields: filterContext.fields, userId: user.id };
  let view;
  try {
    view = await resolveView(params.segment, params.filter, user, ctx);
  } catch {
    // A filter that reads but names unknown fields (an attribute since deleted) is dropped like an unreadable one.
    params = { ...params, filter: { join: "and", conditions: [] }, filterInvalid: true };
    view = await resolveView(params.segment, params.filter, user, ctx);
  }
  params = { ...params, segment: view.segment };
  // Editing a segment's conditions: the view is All contacts with the edited filter and search.
  const editing = params.edit && view.segment === "all" ? await findVisibleSegment(Number(params.edit), user) : null;
  if (!editing) params = { ...params, edit: undefined };
  const shown = editing ?? view.saved;
  const { where, perRowWhere } = view;
  const builder = {
    fields: filterContext.fields.map(({ id, label, type, options }) => ({ id, label, type, ...(options ? { options } : {}) })),
    tags: filterContext.tags,
    canCreateTags: can(user.role, "tags.create"),
    users: filterContext.users,
    imports: filterContext.imports,
  };
  return (
    <div className="space-y-3">
      {/* One short header: the title and the page's two buttons share a row, search and filter the next (issue 21). */}
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold sm:text-2xl">Contacts</h1>
        <div className="flex gap-2">
          <CustomizeTable columns={context.columns} visible={context.visible} />
          {can(user.role, "contacts.export") && params.segment !== "trash" && <ExportViewButton params={params} visible={context.visible} />}
          <Link href="/contacts/new" className={buttonClass("primary", "whitespace-nowrap")}>
            New<span className="max-sm:sr-only"> contact</span>
          </Link>
        </div>
      </div>
      <Suspense fallback={<div className="h-9" />}>
        <SegmentTabs params={params} current={editing ? String(editing.id) : params.segment} user={user} ctx={ctx} />
      </Suspense>
      <FilterBar
        params={params}
        data={builder}
        canShare={can(user.role, "segments.share")}
        segment={shown ? openSegment(shown, user, Boolean(editing)) : null}
        search={<ContactsSearch params={params} />}
      />
      {/* tabIndex -1: "Skip to results" focuses the region itself when it has no row to focus. */}
      <section id={RESULTS_ID} aria-label="Results" tabIndex={-1} className="focus:outline-none">
        <Suspense key={listParamsToQuery(params) + context.visible.join()} fallback={<TableSkeleton columns={context.visible.length} />}>
          <ContactsResults params={params} context={context} user={user} ctx={ctx} where={where} perRowWhere={perRowWhere} tags={filterContext.tags} users={filterContext.users} />
        </Suspense>
      </section>
    </div>
  );
}

interface ContactsResultsProps {
  params: ListParams;
  context: ListContext;
  user: CurrentUser;
  ctx: CompileContext;
  where: SQL;
  perRowWhere: SQL;
  tags: Option[];
  users: Option[];
}

async function ContactsResults({ params, context, user, ctx, where, perRowWhere, tags, users }: ContactsResultsProps) {
  // The rows and counts may come from the read replica (db/replica.ts), this user's own writes included.
  const reader = await readDb({ user: user.id });
  const result = await listContacts(reader, params, { ...context, where, perRowWhere });
  // All contacts leaves out Blocked and Archived: a search that finds few here says where the others are.
  const few = params.search && params.segment === "all" && params.page === 1 && result.total.exact && result.total.count < FEW_MATCHES;
  const hidden = few ? await hiddenSearchMatches(reader, params.search, params.filter, user, ctx) : [];
  const hints = <SearchHints params={params} hidden={hidden} suggestions={result.suggestions} />;
  if (result.rows.length === 0) {
    if (params.search) {
      return (
        <>
          <EmptyState title={`No contacts match “${params.search}”`}>
            <p>Try part of a name, a company, an email address or a few digits of a phone number.</p>
          </EmptyState>
          {hints}
        </>
      );
    }
    if (params.segment === "trash" && isEmptyFilter(params.filter)) {
      return (
        <EmptyState title="Trash is empty">
          <p>Deleted contacts wait here for {trashDays()} days, then are deleted for good.</p>
        </EmptyState>
      );
    }
    if (!isEmptyFilter(params.filter) || params.segment !== "all") {
      return (
        <EmptyState title="No contacts match this view">
          <p>No contact is in this segment with these filters.</p>
        </EmptyState>
      );
    }
    if (params.page > 1) {
      return (
        <EmptyState title="This page is empty">
          <Link href={`/contacts${listParamsToQuery({ ...params, page: 1 })}`} className="text-indigo-700 underline">
            Go to the first page
          </Link>
        </EmptyState>
      );
    }
    return (
      <EmptyState title="No contacts yet">
        <p>
          <Link href="/contacts/new" className="text-indigo-700 underline">Create a contact</Link> or{" "}
          <Link href="/contacts/import" className="text-indigo-700 underline">import a CSV file</Link>.
        </p>
      </EmptyState>
    );
  }
  const visible = context.visible.map((id) => context.columns.find((c) => c.id === id)!).filter(Boolean);
  const attributeLabels = Object.fromEntries(context.columns.flatMap((c) => (c.attribute ? [[c.attribute.key, c.label]] : [])));
  return (
    <>
      <ContactsTable
        rows={result.rows}
        columns={visible}
        params={params}
        total={result.total}
        exactTotal={result.exactTotal?.().catch(() => result.total)}
        can={{ merge: can(user.role, "contacts.merge"), bulk: can(user.role, "contacts.bulk"), export: can(user.role, "contacts.export"), trash: can(user.role, "contacts.trash") }}
        attributeLabels={attributeLabels}
        tags={tags}
        canCreateTags={can(user.role, "tags.create")}
        users={users}
      />
      {hints}
    </>
  );
}
