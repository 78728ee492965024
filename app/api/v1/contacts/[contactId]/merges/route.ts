// GET /api/v1/contacts/:contactId/merges — the merges into the contact that can still be undone (30 days), newest first
import { contactRoute } from "@/lib/api/contact-param";
import { presentUndoableMerge } from "@/lib/api/merge-undo";
import { API_HEADERS } from "@/lib/api/present";
import { listUndoableMerges } from "@/lib/contacts/merge-undo";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ contactId: string }> }) {
  return contactRoute(request, params, "read", async (contact, { read }) => {
    const merges = await listUndoableMerges(contact.id, await read());
    return Response.json({ data: merges.map(presentUndoableMerge) }, { headers: API_HEADERS });
  });
}
