import { resolveContactKey } from "@/lib/contacts/merge";
import { NotFoundError } from "@/lib/errors";
import { contactIdParam } from "./params";
import { API_HEADERS } from "./present";

export type PathContact = { id: number; contactKey: string } | { redirect: Response };

/**
 * The contact a /api/v1/contacts/{contact_id}/… path names. A merged-away Contact ID answers 308
 * to the same path under the primary's Contact ID (the method and body are kept, so a client that
 * follows redirects keeps working); an unknown one is a 404.
 */
export async function contactFromPath(request: Request, rawKey: string): Promise<PathContact> {
  const key = contactIdParam.safeParse(rawKey);
  const resolved = key.success ? await resolveContactKey(key.data) : null;
  if (!resolved) throw new NotFoundError("No contact has this Contact ID.");
  if (!resolved.merged) return { id: resolved.id, contactKey: resolved.contactKey };
  const url = new URL(request.url);
  const segments = url.pathname.split("/");
  const at = segments.indexOf("contacts") + 1;
  segments[at] = encodeURIComponent(resolved.contactKey);
  url.pathname = segments.join("/");
  // Built by hand: Response.redirect's headers are immutable, and the door adds the rate-limit ones.
  return { redirect: new Response(null, { status: 308, headers: { ...API_HEADERS, location: url.toString() } }) };
}
