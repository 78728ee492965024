// DELETE /api/v1/contacts/:contactId/links/:linkId — removes one of the contact's links; 204
import { contactRoute } from "@/lib/api/contact-param";
import { API_HEADERS } from "@/lib/api/present";
import { removeLink } from "@/lib/contacts/links";
import { NotFoundError } from "@/lib/errors";
import { parseRouteId } from "@/lib/forms";

export const dynamic = "force-dynamic";

export function DELETE(request: Request, { params }: { params: Promise<{ contactId: string; linkId: string }> }) {
  return contactRoute(request, params, "write", async (contact, { actor }, { linkId }) => {
    const id = parseRouteId(linkId);
    if (id === null) throw new NotFoundError("That link is no longer on this contact.");
    await removeLink({ contactId: contact.id, linkId: id }, actor);
    return new Response(null, { status: 204, headers: API_HEADERS });
  });
}
