// GET /api/v1/contacts/:contactId — one contact by its Contact ID, with its ETag; a merged-away one redirects (308) to where it went
// PATCH /api/v1/contacts/:contactId — change only the fields sent (sets replaced); If-Match honoured (412)
// DELETE /api/v1/contacts/:contactId — move the contact to Trash (204); If-Match honoured (412)
import { readJsonBody } from "@/lib/api/body";
import { updateContactBody } from "@/lib/api/contact-body";
import { contactRoute } from "@/lib/api/contact-param";
import { contactResponse, contactWriter, ifMatchPrecondition, updateFromBody } from "@/lib/api/contact-writes";
import { API_HEADERS } from "@/lib/api/present";
import { loadRecordContext } from "@/lib/contacts/record";
import { loadContactSnapshot } from "@/lib/contacts/snapshot";
import { deleteContact } from "@/lib/contacts/state";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ contactId: string }>;
}

export function GET(request: Request, { params }: Context) {
  return contactRoute(request, params, "read", async (contact, { read }) => {
    const snapshot = await loadContactSnapshot(await read(), contact.id);
    if (!snapshot) throw new NotFoundError("No contact has this Contact ID.");
    return contactResponse(snapshot);
  });
}

export function PATCH(request: Request, { params }: Context) {
  return contactRoute(request, params, "write", async (contact, caller) => {
    const precondition = ifMatchPrecondition(request);
    const body = await readJsonBody(request, updateContactBody);
    return contactResponse(await updateFromBody(contact.id, body, contactWriter(caller), await loadRecordContext(), precondition));
  });
}

export function DELETE(request: Request, { params }: Context) {
  return contactRoute(request, params, "write", async (contact, caller) => {
    await deleteContact({ contactId: contact.id }, caller.actor, ifMatchPrecondition(request));
    return new Response(null, { status: 204, headers: API_HEADERS });
  });
}
