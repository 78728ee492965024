// GET /api/v1/contacts — contacts in keyset pages (?q, ?filter, ?segment, ?sort, ?limit 1–100, ?cursor), `data` and `next_cursor`
// POST /api/v1/contacts — create a contact: 201 with it, Location and ETag; never merges (409 naming the holder)
import { tokenOwner } from "@/lib/api-tokens/tokens";
import { readJsonBody } from "@/lib/api/body";
import { createContactBody } from "@/lib/api/contact-body";
import { contactResponse, contactWriter, createFromBody } from "@/lib/api/contact-writes";
import { API_HEADERS, presentContactPage } from "@/lib/api/present";
import { listContactPage } from "@/lib/contacts/pages";
import { loadRecordContext } from "@/lib/contacts/record";
import { bearerRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return bearerRoute(request, "read", async ({ token, read }) => {
    const page = await listContactPage(await read(), Object.fromEntries(new URL(request.url).searchParams), { user: () => tokenOwner(token.id) });
    return Response.json(presentContactPage(page), { headers: API_HEADERS });
  });
}

export function POST(request: Request) {
  return bearerRoute(request, "write", async (caller) => {
    const body = await readJsonBody(request, createContactBody);
    const snapshot = await createFromBody(body, contactWriter(caller), await loadRecordContext());
    const location = new URL(`/api/v1/contacts/${encodeURIComponent(snapshot.contact.contactKey)}`, request.url).toString();
    return contactResponse(snapshot, { status: 201, headers: { location } });
  });
}
