import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { ScrollTable } from "@/components/ui/scroll-table";
import type { AuditListEntry } from "@/lib/audit-log/query";

const COLUMNS = ["When", "Actor", "Action", "Entity"];
const cell = "px-3 py-2 align-top";

interface EntryListProps {
  label: string;
  entries: AuditListEntry[];
  /** Contact IDs of the contact entities on the page, by row id (lib/audit-log/query contactLabels). */
  contacts: Map<string, string>;
  /** Where an entry's view leads back to. */
  back: string;
}

/** Audit entries, newest first, each opening its before/after view (app/(dashboard)/audit/[entryId]). */
export function AuditEntryList({ label, entries, contacts, back }: EntryListProps) {
  return (
    <ScrollTable label={label} columns={COLUMNS}>
      {entries.map((e) => {
        const contactKey = e.entityType === "contact" && e.entityId ? contacts.get(e.entityId) : undefined;
        return (
          <tr key={e.id}>
            <td className={`${cell} whitespace-nowrap`}>
              <LocalTime value={e.createdAt} />
            </td>
            <td className={`${cell} max-w-64 break-words`}>{e.actorLabel}</td>
            <th scope="row" className={`${cell} text-left font-mono text-xs font-normal whitespace-nowrap`}>
              {e.action}
            </th>
            <td className={`${cell} whitespace-nowrap`}>
              {e.entityType}
              {e.entityId && <span className="ml-1 font-mono text-xs text-slate-600">{contactKey ?? `#${e.entityId}`}</span>}
            </td>
            <td className={`${cell} text-right whitespace-nowrap`}>
              <Link href={`/audit/${e.id}?back=${encodeURIComponent(back)}`} className="text-indigo-700 hover:underline">
                View<span className="sr-only"> entry {e.id}: {e.action}</span>
              </Link>
            </td>
          </tr>
        );
      })}
    </ScrollTable>
  );
}
