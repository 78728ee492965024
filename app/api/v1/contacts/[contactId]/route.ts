// GET /api/v1/contacts/:contactId — one contact by its Contact ID; a merged-away one redirects (308) to where it went
import { db } from "@/db";
import { contactIdParam } from "@/lib/api/params";
import { API_HEADERS, etagOf, presentContact } from "@/lib/api/present";
import { resolveContactKey } from "@/lib/contacts/merge";
import { loadContactSnapshot } from "@/lib/contacts/snapshot";
import { NotFoundError } from "@/lib/errors";
import { bearerRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ contactId: string }> }) {
  return bearerRoute(request, "read", async () => {
    const key = contactIdParam.safeParse((await params).contactId);
    const resolved = key.success ? await resolveContactKey(key.data) : null;
    if (!resolved) throw new NotFoundError("No contact has this Contact ID.");
    if (resolved.merged) {
      // Built by hand: Response.redirect's headers are immutable, and the door adds the rate-limit ones.
      const location = new URL(`/api/v1/contacts/${encodeURIComponent(resolved.contactKey)}`, request.url);
      return new Response(null, { status: 308, headers: { ...API_HEADERS, location: location.toString() } });
    }
    const snapshot = await loadContactSnapshot(db, resolved.id);
    if (!snapshot) throw new NotFoundError("No contact has this Contact ID.");
    const body = presentContact(snapshot);
    return Response.json(body, { headers: { ...API_HEADERS, etag: etagOf(body) } });
  });
}
