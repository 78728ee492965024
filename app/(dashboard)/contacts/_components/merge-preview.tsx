import { LocalTime } from "@/components/ui/local-time";
import { displayFieldValue } from "@/lib/contacts/display";
import type { MergePreview } from "@/lib/contacts/merge";
import { mergeChoices } from "@/lib/contacts/merge-choices";
import { ATTRIBUTE_FIELD_PREFIX } from "@/lib/contacts/merge-plan";
import { formatPhone } from "@/lib/phone";
import { formatLocalTime } from "@/lib/local-time";
import { countOf } from "@/lib/plural";

interface MergePreviewPanelProps {
  preview: MergePreview;
  attributeLabels: Record<string, string>;
  onChoose: (field: string, contactId: number) => void;
}

/** The merged contact as it will be, with a choice wherever the contacts disagree. */
export function MergePreviewPanel({ preview, attributeLabels, onChoose }: MergePreviewPanelProps) {
  const { plan, contacts, userNames } = preview;
  const labelOf = (id: string, label: string) =>
    id.startsWith(ATTRIBUTE_FIELD_PREFIX) ? (attributeLabels[id.slice(ATTRIBUTE_FIELD_PREFIX.length)] ?? label) : label;
  const shown = plan.fields.filter((f) => f.value !== null || f.conflict);
  return (
    <section aria-label="Result of the merge" className="space-y-4">
      <h3 className="text-sm font-semibold text-slate-700">Preview of the merged contact</h3>
      <table className="w-full text-sm">
        <tbody className="divide-y divide-slate-100">
          {shown.map((f) => {
            const label = labelOf(f.id, f.label);
            const format = (v: string | number | boolean | null) => displayFieldValue(f.id, v, userNames);
            return (
              <tr key={f.id}>
                <th scope="row" className="w-40 py-1.5 pr-3 text-left font-medium text-slate-600">
                  {f.conflict ? <label htmlFor={`merge-field-${f.id}`}>{label}</label> : label}
                </th>
                <td className="py-1.5">
                  {f.conflict ? (
                    <select
                      id={`merge-field-${f.id}`}
                      value={String(f.sourceId ?? "")}
                      onChange={(e) => onChoose(f.id, Number(e.target.value))}
                      className="w-full rounded-md border border-slate-300 bg-white px-2 py-1"
                    >
                      {/* The preview is fetched in the browser, so the reader's zone is known here. */}
                      {mergeChoices(f, contacts, userNames).map((c) => (
                        <option key={c.contactId} value={String(c.contactId)}>
                          {c.value} — from{" "}
                          {c.sources.map((s) => `${s.contactKey} (updated ${formatLocalTime(new Date(s.updatedAt))})`).join(", ")}
                        </option>
                      ))}
                    </select>
                  ) : (
                    format(f.value)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-slate-600">Phones</dt>
        <dd data-testid="merge-phones">{plan.phones.map((p) => formatPhone(p.e164)).join(", ") || "—"}</dd>
        <dt className="font-medium text-slate-600">Emails</dt>
        <dd data-testid="merge-emails">{plan.emails.map((e) => e.email).join(", ") || "—"}</dd>
        <dt className="font-medium text-slate-600">Tags</dt>
        <dd>{plan.tags.map((t) => t.name).join(", ") || "—"}</dd>
        <dt className="font-medium text-slate-600">Links</dt>
        <dd>{plan.links.map((l) => l.label).join(", ") || "—"}</dd>
        <dt className="font-medium text-slate-600">Created</dt>
        <dd>
          <LocalTime value={plan.createdAt} /> (the earliest)
        </dd>
        <dt className="font-medium text-slate-600">Moved</dt>
        <dd>
          {countOf(plan.noteCount, "note")} and {countOf(plan.activityCount, "activity", "activities")}
        </dd>
      </dl>
    </section>
  );
}
