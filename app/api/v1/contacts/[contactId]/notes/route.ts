// GET /api/v1/contacts/:contactId/notes — the contact's notes, newest first, in keyset pages (?limit, ?cursor)
// POST /api/v1/contacts/:contactId/notes — adds a note ({ body }); 201 with it
import { readJsonBody } from "@/lib/api/body";
import { contactRoute } from "@/lib/api/contact-param";
import { noteBody } from "@/lib/api/contact-parts-body";
import { nextCursor, readPageQuery } from "@/lib/api/page-query";
import { API_HEADERS, presentNote } from "@/lib/api/present";
import { addNote, listNotes } from "@/lib/contacts/notes";

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ contactId: string }>;
}

export function GET(request: Request, { params }: Context) {
  return contactRoute(request, params, "read", async (contact, { read }) => {
    const { limit, cursor } = readPageQuery(request);
    const notes = await listNotes(contact.id, { before: cursor, limit: limit + 1 }, await read());
    const page = notes.slice(0, limit);
    return Response.json({ data: page.map(presentNote), next_cursor: nextCursor(notes.length > limit ? page.at(-1)!.id : null) }, { headers: API_HEADERS });
  });
}

export function POST(request: Request, { params }: Context) {
  return contactRoute(request, params, "write", async (contact, { actor }) => {
    const { body } = await readJsonBody(request, noteBody);
    const note = await addNote({ contactId: contact.id, body }, actor);
    return Response.json(presentNote(note), { status: 201, headers: API_HEADERS });
  });
}
