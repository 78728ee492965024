import Link from "next/link";
import { findPossibleDuplicates } from "@/lib/contacts/duplicates";
import { MAX_MERGE } from "@/lib/contacts/merge-plan";
import { DuplicatesMergeButton } from "./duplicates-merge-button";
import { countOf } from "@/lib/plural";

interface DuplicatesNoticeProps {
  contactId: number;
  fullName: string | null;
  canMerge: boolean;
  attributeLabels: Record<string, string>;
}

/** "N possible duplicates": other contacts with the same full name, linked, with a Merge button. */
export async function DuplicatesNotice({ contactId, fullName, canMerge, attributeLabels }: DuplicatesNoticeProps) {
  const { total, shown } = await findPossibleDuplicates(contactId, fullName);
  if (total === 0) return null;
  const title = countOf(total, "possible duplicate");
  return (
    <aside aria-label={title} className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm">
      <div className="flex items-center justify-between gap-3">
        <p className="font-semibold text-amber-900">{title}</p>
        {canMerge && (
          <DuplicatesMergeButton contactIds={[contactId, ...shown.map((d) => d.id)].slice(0, MAX_MERGE)} attributeLabels={attributeLabels} />
        )}
      </div>
      <p className="mt-1 text-amber-900">
        {total === 1 ? "Another contact has" : "Other contacts have"} the same name. Open one to compare{canMerge ? ", or merge them into one contact" : ""}.
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
