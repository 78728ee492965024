import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NotAllowed } from "@/components/shell/not-allowed";
import { LocalTime } from "@/components/ui/local-time";
import { can } from "@/lib/auth/permissions";
import { pageUser } from "@/lib/auth/page-user";
import { fieldRows, mergeView } from "@/lib/audit-log/diff";
import { contactLabels, loadAuditEntry } from "@/lib/audit-log/query";
import { parseRouteId } from "@/lib/forms";
import { FieldTable } from "./field-table";

export const metadata: Metadata = { title: "Audit entry" };

/** Where the view may lead back to: the audit log or a contact's profile, never elsewhere. */
function backLink(raw: string | string[] | undefined): string | null {
  return typeof raw === "string" && /^\/(settings\/audit(\?[^\s]*)?|contacts\/\d+(\?[^\s]*)?)$/.test(raw) ? raw : null;
}

/**
 * One entry, field by field. The audit log is the admins'; a contact's entries are also the
 * supervisors' (its History, on the profile).
 */
export default async function AuditEntryPage({ params, searchParams }: { params: Promise<{ entryId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ entryId }, query, user] = await Promise.all([params, searchParams, pageUser()]);
  if (!can(user.role, "audit.view") && !can(user.role, "audit.history")) return <NotAllowed what="The audit log is for admins only." />;
  const id = parseRouteId(entryId);
  const entry = id ? await loadAuditEntry(id) : null;
  if (!entry) notFound();
  if (!can(user.role, "audit.view") && entry.entityType !== "contact") return <NotAllowed what="The audit log is for admins only." />;
  const merge = entry.action === "contact.merge" ? mergeView(entry.before, entry.after) : null;
  const contactKey = entry.entityType === "contact" && entry.entityId ? (await contactLabels([entry])).get(entry.entityId) : undefined;
  const back = backLink(query.back) ?? (can(user.role, "audit.view") ? "/settings/audit" : null);
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      {back && (
        <p className="text-sm">
          <Link href={back} className="text-indigo-700 hover:underline">
            ← Back
          </Link>
        </p>
      )}
      <header>
        <h1 className="text-2xl font-semibold">
          Audit entry <span className="font-mono text-xl">{entry.action}</span>
        </h1>
        <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500">When</dt>
          <dd>
            <LocalTime value={entry.createdAt} />
          </dd>
          <dt className="text-slate-500">Actor</dt>
          <dd className="break-words">{entry.actorLabel}</dd>
          <dt className="text-slate-500">Entity</dt>
          <dd>
            {entry.entityType} {entry.entityId && <span className="font-mono">{contactKey ?? `#${entry.entityId}`}</span>}
          </dd>
        </dl>
      </header>
      {merge ? (
        <>
          <FieldTable title="Result: the primary before and after the merge" rows={merge.result} />
          {merge.snapshots.map((s, i) => (
            <FieldTable key={s.id ?? `i${i}`} title={`${s.primary ? "Primary" : "Merged"} contact #${s.id ?? "?"} as it was`} rows={s.rows} single />
          ))}
        </>
      ) : (
        <FieldTable title="Before and after" rows={fieldRows(entry.before, entry.after)} />
      )}
    </div>
  );
}
