// GET /api/v1/contacts/:contactId/activities — the contact's timeline, newest first, in keyset pages (?limit, ?cursor)
// POST /api/v1/contacts/:contactId/activities — adds an event: 201, or 200 with the first event when its external_ref is known
import { activityBody, eventInputOf } from "@/lib/api/activity-body";
import { readJsonBody } from "@/lib/api/body";
import { contactRoute } from "@/lib/api/contact-param";
import { nextCursor, readPageQuery } from "@/lib/api/page-query";
import { API_HEADERS, presentEvent } from "@/lib/api/present";
import { listTimeline } from "@/lib/contacts/activity";
import { addContactEvent } from "@/lib/contacts/events";

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ contactId: string }>;
}

export function GET(request: Request, { params }: Context) {
  return contactRoute(request, params, "read", async (contact, { read }) => {
    const { limit, cursor } = readPageQuery(request);
    const page = await listTimeline(contact.id, { before: cursor, limit }, await read());
    return Response.json({ data: page.entries.map(presentEvent), next_cursor: nextCursor(page.olderCursor) }, { headers: API_HEADERS });
  });
}

export function POST(request: Request, { params }: Context) {
  return contactRoute(request, params, "write", async (contact, { actor }) => {
    const body = await readJsonBody(request, activityBody);
    const { event, created } = await addContactEvent(eventInputOf(contact.id, body), actor);
    return Response.json(presentEvent(event), { status: created ? 201 : 200, headers: API_HEADERS });
  });
}
