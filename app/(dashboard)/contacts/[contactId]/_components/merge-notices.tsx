import Link from "next/link";
import { listUndoableMerges, undoOutcome } from "@/lib/contacts/merge-undo";
import { UndoMergeButton } from "./undo-merge-button";

interface MergedNoticeProps {
  contactId: number;
  count: string;
  name: string;
  canUndo: boolean;
}

/** After a merge (`?merged=N`): what happened, and Undo merge while it can be. */
export async function MergedNotice({ contactId, count, name, canUndo }: MergedNoticeProps) {
  const [undoable] = canUndo ? await listUndoableMerges(contactId) : [];
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      <span>
        Merged {count} contacts into {name}.
      </span>
      {undoable && <UndoMergeButton journalId={undoable.journalId} mergedKeys={undoable.mergedKeys} name={name} />}
    </div>
  );
}

/** After an undo (`?mergeUndone=<its timeline entry>`): the contacts that came back, and what did not. */
export async function MergeUndoneNotice({ contactId, activityId }: { contactId: number; activityId: number }) {
  const outcome = await undoOutcome(contactId, activityId);
  if (!outcome) return null;
  const count = outcome.restored.length === 1 ? "1 contact" : `${outcome.restored.length} contacts`;
  return (
    <div role="status" className="space-y-1 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      <p>
        Merge undone: {count} restored —{" "}
        {outcome.restored.map((r, i) => (
          <span key={r.id}>
            {i > 0 && ", "}
            <Link href={`/contacts/${r.id}`} className="font-medium underline">
              {r.contactKey}
            </Link>
          </span>
        ))}
        .
      </p>
      {outcome.notRestored.length > 0 && (
        <div className="text-amber-900">
          <p className="font-medium">Not restored:</p>
          <ul className="list-disc pl-5">
            {outcome.notRestored.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
