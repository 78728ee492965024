import { LocalTime } from "@/components/ui/local-time";
import { listNotes, NOTES_SHOWN } from "@/lib/contacts/notes";
import { countOf } from "@/lib/plural";

/** The newest notes first, with author and time. */
export async function NotesList({ contactId, total }: { contactId: number; total: number }) {
  const notes = await listNotes(contactId);
  if (notes.length === 0) return <p className="text-sm text-slate-500">No notes yet.</p>;
  return (
    <>
      <ol className="space-y-3" aria-label="Notes, newest first">
        {notes.map((note) => (
          <li key={note.id} className="rounded-lg bg-amber-50/60 p-3 ring-1 ring-amber-100">
            <p className="text-xs text-slate-600">
              <span className="font-medium text-slate-800">{note.authorName ?? "Former user"}</span> · <LocalTime value={note.createdAt} />
            </p>
            <p className="mt-1 text-sm whitespace-pre-wrap break-words">{note.body}</p>
          </li>
        ))}
      </ol>
      {total > NOTES_SHOWN && <p className="mt-2 text-xs text-slate-500">Showing the newest {NOTES_SHOWN} of {countOf(total, "note")}.</p>}
    </>
  );
}
