// GET /api/v1/contacts/:contactId — one contact by its Contact ID; a merged-away one redirects (308) to where it went
import { db } from "@/db";
import { contactFromPath } from "@/lib/api/contact-param";
import { API_HEADERS, etagOf, presentContact } from "@/lib/api/present";
import { loadContactSnapshot } from "@/lib/contacts/snapshot";
import { NotFoundError } from "@/lib/errors";
import { bearerRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ contactId: string }> }) {
  return bearerRoute(request, "read", async () => {
    const contact = await contactFromPath(request, (await params).contactId);
    if ("redirect" in contact) return contact.redirect;
    const snapshot = await loadContactSnapshot(db, contact.id);
    if (!snapshot) throw new NotFoundError("No contact has this Contact ID.");
    const body = presentContact(snapshot);
    return Response.json(body, { headers: { ...API_HEADERS, etag: etagOf(body) } });
  });
}
