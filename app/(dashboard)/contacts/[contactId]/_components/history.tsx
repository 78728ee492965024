import Link from "next/link";
import { AuditEntryList } from "@/components/audit/entry-list";
import { contactHistoryPage, contactLabels } from "@/lib/audit-log/query";

/** The contact's audit entries and those of the contacts merged into it, newest first, a page at a time (`?historyBefore=`). */
export async function History({ contactId, before }: { contactId: number; before: number | null }) {
  const page = await contactHistoryPage(contactId, before, 20);
  if (page.entries.length === 0) return <p className="text-sm text-slate-500">{before ? "No older entries." : "No recorded changes."}</p>;
  const contacts = await contactLabels(page.entries);
  const here = `/contacts/${contactId}${before ? `?historyBefore=${before}` : ""}`;
  return (
    <>
      <AuditEntryList label="History, newest first" entries={page.entries} contacts={contacts} back={here} />
      <nav aria-label="History pages" className="mt-3 flex justify-between gap-2 text-sm">
        {before ? (
          <Link href={`/contacts/${contactId}#history-heading`} className="text-indigo-700 hover:underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {page.nextBefore && (
          <Link href={`/contacts/${contactId}?historyBefore=${page.nextBefore}#history-heading`} className="text-indigo-700 hover:underline">
            Older changes →
          </Link>
        )}
      </nav>
    </>
  );
}
