// POST /api/v1/contacts/merge — merge contacts by Contact ID (the drawer's merge), or preview it with dry_run
import { readJsonBody } from "@/lib/api/body";
import { mergeBody, mergeByContactIds } from "@/lib/api/merge";
import { API_HEADERS, etagOf } from "@/lib/api/present";
import { bearerRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return bearerRoute(request, "write", async ({ actor }) => {
    const answer = await mergeByContactIds(await readJsonBody(request, mergeBody), actor);
    if ("preview" in answer) return Response.json(answer.preview, { headers: API_HEADERS });
    return Response.json(answer.contact, { headers: { ...API_HEADERS, etag: etagOf(answer.contact) } });
  });
}
