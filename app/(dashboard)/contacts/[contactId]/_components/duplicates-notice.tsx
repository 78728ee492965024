import Link from "next/link";
import { findPossibleDuplicates } from "@/lib/contacts/duplicates";

/** "N possible duplicates": other contacts with the same full name, linked. */
export async function DuplicatesNotice({ contactId, fullName }: { contactId: number; fullName: string | null }) {
  const { total, shown } = await findPossibleDuplicates(contactId, fullName);
  if (total === 0) return null;
  const title = `${total} possible duplicate${total === 1 ? "" : "s"}`;
  return (
    <aside aria-label={title} className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-semibold text-amber-900">{title}</p>
      <p className="mt-1 text-amber-900">
        {total === 1 ? "Another contact has" : "Other contacts have"} the same name. Open one to compare; merging is coming with the merge tool.
      </p>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
        {shown.map((d) => (
          <li key={d.id}>
            <Link href={`/contacts/${d.id}`} className="font-medium text-amber-950 underline">
              {d.name}
            </Link>{" "}
            <span className="text-amber-800">({d.contactKey})</span>
          </li>
        ))}
        {total > shown.length && <li className="text-amber-800">and {total - shown.length} more</li>}
      </ul>
    </aside>
  );
}
