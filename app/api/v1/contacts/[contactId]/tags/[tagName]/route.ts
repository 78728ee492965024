// PUT /api/v1/contacts/:contactId/tags/:tagName — tags the contact: 201 when added, 200 when it already had the tag;
//   an unknown tag is created only for an admin token (SPEC §7: admin may also manage tags), else 403
// DELETE /api/v1/contacts/:contactId/tags/:tagName — takes the tag off; 204 whether or not it was there
import { contactRoute } from "@/lib/api/contact-param";
import { tagNameFromPath } from "@/lib/api/contact-parts-body";
import { API_HEADERS, presentTag } from "@/lib/api/present";
import { addContactTag, removeContactTagByName } from "@/lib/contacts/contact-tags";

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ contactId: string; tagName: string }>;
}

export function PUT(request: Request, { params }: Context) {
  return contactRoute(request, params, "write", async (contact, { token, actor }, { tagName }) => {
    const name = tagNameFromPath(tagName);
    const out = await addContactTag({ contactId: contact.id, name }, { scope: token.scope }, actor, { ifTagged: "keep" });
    return Response.json(
      { contact_id: contact.contactKey, tag: presentTag(out.tag), tag_created: out.created },
      { status: out.added ? 201 : 200, headers: API_HEADERS },
    );
  });
}

export function DELETE(request: Request, { params }: Context) {
  return contactRoute(request, params, "write", async (contact, { actor }, { tagName }) => {
    await removeContactTagByName({ contactId: contact.id, name: tagNameFromPath(tagName) }, actor);
    return new Response(null, { status: 204, headers: API_HEADERS });
  });
}
