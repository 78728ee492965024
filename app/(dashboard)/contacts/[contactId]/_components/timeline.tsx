import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { ACTIVITY_LABELS, listTimeline } from "@/lib/contacts/activity";
import type { ActivityType } from "@/db/schema/enums";
import { undoableMerges } from "@/lib/contacts/merge-undo";
import { channelOf } from "@/lib/inbound/body";
import { UndoMergeButton } from "./undo-merge-button";

const TONE: Partial<Record<ActivityType, string>> = {
  blocked: "bg-red-50 text-red-700 ring-red-200",
  archived: "bg-slate-100 text-slate-700 ring-slate-300",
  created: "bg-green-50 text-green-700 ring-green-200",
  merged: "bg-violet-50 text-violet-700 ring-violet-200",
  merge_undone: "bg-violet-50 text-violet-700 ring-violet-200",
};

interface TimelineProps {
  contactId: number;
  /** The activity id older events start after, from `?before=`. */
  before: number | null;
  /** Supervisors and admins: merges of the last 30 days get Undo merge. */
  canUndoMerge: boolean;
  /** The contact's name, for the undo's confirmation. */
  name: string;
}

const keysOf = (payload: Record<string, unknown>) =>
  Array.isArray(payload.mergedContactKeys) ? payload.mergedContactKeys.filter((k): k is string => typeof k === "string") : [];

/** The contact's events, newest first, a page at a time. */
export async function Timeline({ contactId, before, canUndoMerge, name }: TimelineProps) {
  const [page, undoable] = await Promise.all([listTimeline(contactId, { before }), canUndoMerge ? undoableMerges(contactId) : new Map<number, number>()]);
  if (page.entries.length === 0) {
    return <p className="text-sm text-slate-500">{before ? "No older events." : "Nothing has happened yet."}</p>;
  }
  return (
    <>
      <ol className="relative space-y-3 border-l border-slate-200 pl-4" aria-label="Activity, newest first">
        {page.entries.map((e) => (
          <li key={e.id} className="relative">
            <span aria-hidden className="absolute top-1.5 -left-[21px] h-2.5 w-2.5 rounded-full bg-slate-300 ring-2 ring-white" />
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${TONE[e.type] ?? "bg-indigo-50 text-indigo-700 ring-indigo-100"}`}>
                {ACTIVITY_LABELS[e.type]}
              </span>
              <span className="min-w-0 break-words">{e.summary}</span>
              {undoable.has(e.id) && <UndoMergeButton journalId={undoable.get(e.id)!} mergedKeys={keysOf(e.payload)} name={name} />}
            </p>
            <p className="mt-0.5 text-xs text-slate-500">
              <LocalTime value={e.occurredAt} />
              {channelOf(e.payload) ? ` · via ${channelOf(e.payload)}` : ""}
              {e.actorName ? ` · ${e.actorName}` : ""}
            </p>
          </li>
        ))}
      </ol>
      <nav aria-label="Activity pages" className="mt-3 flex gap-4 text-sm">
        {before && (
          <Link href={`/contacts/${contactId}#activity-heading`} className="text-indigo-700 hover:underline">
            Newest events
          </Link>
        )}
        {page.olderCursor && (
          <Link href={`/contacts/${contactId}?before=${page.olderCursor}#activity-heading`} className="text-indigo-700 hover:underline">
            Older events
          </Link>
        )}
      </nav>
    </>
  );
}
