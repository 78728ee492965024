// POST /api/v1/contacts/:contactId/merges/:mergeId/undo — undoes a merge into the contact (30 days): the merged contacts come back
import { contactRoute } from "@/lib/api/contact-param";
import { presentMergeUndone } from "@/lib/api/merge-undo";
import { API_HEADERS } from "@/lib/api/present";
import { undoMerge } from "@/lib/contacts/merge-undo";
import { NotFoundError } from "@/lib/errors";
import { parseRouteId } from "@/lib/forms";

export const dynamic = "force-dynamic";

export function POST(request: Request, { params }: { params: Promise<{ contactId: string; mergeId: string }> }) {
  return contactRoute(request, params, "write", async (contact, { actor }, { mergeId }) => {
    const id = parseRouteId(mergeId);
    if (id === null) throw new NotFoundError("This merge cannot be undone: there is no record of it (it may have been erased).");
    const result = await undoMerge(id, actor, { primaryId: contact.id });
    return Response.json(presentMergeUndone(contact.contactKey, result), { headers: API_HEADERS });
  });
}
