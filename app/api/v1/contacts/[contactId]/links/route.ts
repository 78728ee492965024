// GET /api/v1/contacts/:contactId/links — the contact's external links
// POST /api/v1/contacts/:contactId/links — adds a link ({ label?, url }); 201 with it
import { readJsonBody } from "@/lib/api/body";
import { contactRoute } from "@/lib/api/contact-param";
import { linkBody } from "@/lib/api/contact-parts-body";
import { API_HEADERS, presentLink } from "@/lib/api/present";
import { addLink, listLinks } from "@/lib/contacts/links";

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ contactId: string }>;
}

export function GET(request: Request, { params }: Context) {
  return contactRoute(request, params, "read", async (contact, { read }) => {
    return Response.json({ data: (await listLinks(contact.id, await read())).map(presentLink) }, { headers: API_HEADERS });
  });
}

export function POST(request: Request, { params }: Context) {
  return contactRoute(request, params, "write", async (contact, { actor }) => {
    const body = await readJsonBody(request, linkBody);
    const link = await addLink({ contactId: contact.id, label: body.label, url: body.url }, actor);
    return Response.json(presentLink(link), { status: 201, headers: API_HEADERS });
  });
}
