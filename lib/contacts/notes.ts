import { and, desc, eq, lt, or } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { notes, users } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { requiredText } from "@/lib/fields/schema";
import { TEXT_LIMITS } from "@/lib/fields/text";
import { idSchema } from "@/lib/forms";
import { writeContact } from "./write";

export const addNoteInput = z.object({
  contactId: idSchema,
  body: requiredText({ max: TEXT_LIMITS.note, multiLine: true }, "Write the note first."),
});

/**
 * Adds an internal note. Carries no version: a note only adds, so it cannot undo anyone's edit;
 * it still bumps the version like every write, so open forms notice that the record moved on.
 */
export async function addNote(input: z.output<typeof addNoteInput>, actor: Actor): Promise<Omit<NoteView, "authorName">> {
  return writeContact({
    contactId: input.contactId,
    actor,
    action: "contact.note.add",
    run: async (tx) => {
      const [note] = await tx.insert(notes).values({ contactId: input.contactId, authorId: actor.id, body: input.body }).returning();
      const excerpt = input.body.length > 80 ? `${input.body.slice(0, 77)}…` : input.body;
      return { activities: [{ type: "note", summary: `Note: ${excerpt}`, payload: { noteId: note!.id } }], result: { id: note!.id, body: note!.body, createdAt: note!.createdAt } };
    },
  });
}

export interface NoteView {
  id: number;
  body: string;
  createdAt: Date;
  authorName: string | null;
}

export const NOTES_SHOWN = 50;

/**
 * The newest notes first, with their authors; `before` (a note's id) continues after that note, in
 * keyset order on (created_at, id). A `before` that names no note of this contact gives no notes.
 */
export async function listNotes(contactId: number, options: { limit?: number; before?: number } = {}, exec: Executor = db): Promise<NoteView[]> {
  let cursor: { createdAt: Date; id: number } | undefined;
  if (options.before) {
    [cursor] = await exec
      .select({ createdAt: notes.createdAt, id: notes.id })
      .from(notes)
      .where(and(eq(notes.id, options.before), eq(notes.contactId, contactId)));
    if (!cursor) return [];
  }
  return exec
    .select({ id: notes.id, body: notes.body, createdAt: notes.createdAt, authorName: users.name })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorId))
    .where(
      and(
        eq(notes.contactId, contactId),
        cursor ? or(lt(notes.createdAt, cursor.createdAt), and(eq(notes.createdAt, cursor.createdAt), lt(notes.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(options.limit ?? NOTES_SHOWN);
}
