"use client";

import Link from "next/link";
import { useState } from "react";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";
import type { ClusterView } from "@/lib/duplicates/clusters";
import { MAX_MERGE } from "@/lib/contacts/merge-plan";
import { countOf } from "@/lib/plural";
import { DuplicatesMergeButton } from "../../[contactId]/_components/duplicates-merge-button";
import { dismissDuplicates } from "../actions";
import { REASON_LABELS } from "./reasons";

/** One cluster: why its contacts look alike, the contacts with their identifiers, Merge and Not duplicates. */
export function ClusterCard({ cluster, attributeLabels }: { cluster: ClusterView; attributeLabels: Record<string, string> }) {
  const [dismissing, setDismissing] = useState(false);
  const title = cluster.contacts.map((c) => c.name).join(" · ");
  return (
    <article aria-label={title} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-2">
          <h3 className="font-semibold break-words">{title}</h3>
          <ul aria-label="Reasons" className="flex flex-wrap gap-1.5">
            <li className={`rounded-full px-2 py-0.5 text-xs font-semibold ${cluster.exact ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-900"}`}>
              {cluster.exact ? "Exact" : "Likely"}
            </li>
            {cluster.reasons.map((r) => (
              <li key={r} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
                {REASON_LABELS[r]}
              </li>
            ))}
          </ul>
        </div>
        <div className="flex gap-2">
          {cluster.contacts.length <= MAX_MERGE && <DuplicatesMergeButton contactIds={cluster.contacts.map((c) => c.id)} attributeLabels={attributeLabels} />}
          <Button variant="secondary" onClick={() => setDismissing(true)}>
            Not duplicates
          </Button>
        </div>
      </div>
      {/* Scrolls sideways on narrow screens, in a focusable region as ScrollTable's (keyboard users can scroll it). */}
      <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={`Contacts of ${title}`}>
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Name</th>
              <th scope="col" className="py-1 pr-3 font-medium">Contact ID</th>
              <th scope="col" className="py-1 pr-3 font-medium">Company</th>
              <th scope="col" className="py-1 pr-3 font-medium">City</th>
              <th scope="col" className="py-1 pr-3 font-medium">Phones</th>
              <th scope="col" className="py-1 font-medium">E-mails</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {cluster.contacts.map((c) => (
              <tr key={c.id} className="align-top">
                <td className="py-1.5 pr-3">
                  <Link href={`/contacts/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                    {c.name}
                  </Link>
                </td>
                <td className="py-1.5 pr-3 font-mono text-xs text-slate-600">{c.contactKey}</td>
                <td className="py-1.5 pr-3">{c.company ?? "—"}</td>
                <td className="py-1.5 pr-3">{c.city ?? "—"}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap">{c.phones.join(", ") || "—"}</td>
                <td className="py-1.5 break-all">{c.emails.join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmActionDialog
        open={dismissing}
        onClose={() => setDismissing(false)}
        title="Not duplicates?"
        action={dismissDuplicates}
        fields={{ clusterId: cluster.id }}
        confirmLabel="Not duplicates"
      >
        These {countOf(cluster.contacts.length, "contact")} will never be proposed as duplicates of each other again. Nothing about the
        contacts changes.
      </ConfirmActionDialog>
    </article>
  );
}
