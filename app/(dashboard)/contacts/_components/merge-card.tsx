import { LocalTime } from "@/components/ui/local-time";
import { contactDisplayName } from "@/lib/contacts/display";
import type { ContactSnapshot } from "@/lib/contacts/snapshot";
import { formatPhone } from "@/lib/phone";

interface MergeCardProps {
  snapshot: ContactSnapshot;
  primary: boolean;
  onChoose: () => void;
}

/** One contact of a merge: who it is, what it holds, and the radio that makes it the primary. */
export function MergeCard({ snapshot: s, primary, onChoose }: MergeCardProps) {
  const name = contactDisplayName(s.contact);
  const inputId = `primary-${s.contact.id}`;
  return (
    <section
      aria-label={name}
      className={`rounded-lg border p-3 text-sm ${primary ? "border-indigo-500 bg-indigo-50" : "border-slate-200 bg-white"}`}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-semibold">{name}</p>
          <p className="text-xs text-slate-600">{s.contact.contactKey}</p>
        </div>
        <div className="flex items-center gap-1">
          <input id={inputId} type="radio" name="merge-primary" checked={primary} onChange={onChoose} className="size-4" />
          <label htmlFor={inputId} className="text-xs font-medium">
            Primary
          </label>
        </div>
      </div>
      <ul className="mt-2 space-y-0.5 break-all text-slate-700">
        {s.phones.map((p) => (
          <li key={p.id}>{formatPhone(p.e164)}</li>
        ))}
        {s.emails.map((e) => (
          <li key={e.id}>{e.email}</li>
        ))}
      </ul>
      <dl className="mt-2 grid grid-cols-2 gap-x-2 text-xs text-slate-600">
        <dt>Created</dt>
        <dd>
          <LocalTime value={s.contact.createdAt} />
        </dd>
        <dt>Updated</dt>
        <dd>
          <LocalTime value={s.contact.updatedAt} />
        </dd>
        <dt>Notes</dt>
        <dd>{s.noteCount}</dd>
        <dt>Activities</dt>
        <dd>{s.activityCount}</dd>
      </dl>
    </section>
  );
}
