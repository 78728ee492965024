// GET /api/v1/contacts — contacts in keyset pages (?q, ?filter, ?segment, ?sort, ?limit 1–100, ?cursor), `data` and `next_cursor`
import { db } from "@/db";
import { tokenOwner } from "@/lib/api-tokens/tokens";
import { API_HEADERS, presentContact } from "@/lib/api/present";
import { listContactPage } from "@/lib/contacts/pages";
import { bearerRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return bearerRoute(request, "read", async ({ token }) => {
    const page = await listContactPage(db, Object.fromEntries(new URL(request.url).searchParams), { user: () => tokenOwner(token.id) });
    return Response.json({ data: page.contacts.map(presentContact), next_cursor: page.nextCursor }, { headers: API_HEADERS });
  });
}
