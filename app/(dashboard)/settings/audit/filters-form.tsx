import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { ActorOption } from "@/lib/audit-log/actors";
import type { AuditFilters } from "@/lib/audit-log/params";

/** The filters as a plain GET form: the URL is the state, like the contact list's, and it works without JavaScript. */
export function AuditFiltersForm({ filters, actors }: { filters: AuditFilters; actors: ActorOption[] }) {
  const actor = filters.actor ? (filters.actor.kind === "user" ? `u${filters.actor.id}` : `l:${filters.actor.label}`) : "";
  return (
    <form method="get" action="/settings/audit" aria-label="Filter the audit log" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField label="Actor" name="actor" options={actors} emptyLabel="Anyone" defaultValue={actor} />
        <Field label="Action" name="action" defaultValue={filters.action ?? ""} placeholder="e.g. contact.update" />
        <Field label="Entity type" name="type" defaultValue={filters.entityType ?? ""} placeholder="e.g. contact" />
        <Field label="Entity ID" name="entity" defaultValue={filters.entity ?? ""} hint="A contact's Contact ID, or another entity's id." />
        <Field label="From" name="from" type="date" defaultValue={filters.from ?? ""} hint="UTC" />
        <Field label="To" name="to" type="date" defaultValue={filters.to ?? ""} hint="UTC, inclusive" />
      </div>
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <Link href="/settings/audit" className="text-sm text-indigo-700 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
