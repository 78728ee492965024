import { db, type Executor } from "@/db";
import type { ApiScope } from "@/lib/api-tokens/tokens";
import { resolveContactKey } from "@/lib/contacts/merge";
import { NotFoundError } from "@/lib/errors";
import { bearerRoute, type TokenCaller } from "@/lib/http-errors";
import { contactIdParam } from "./params";
import { API_HEADERS } from "./present";

export interface PathContact {
  id: number;
  contactKey: string;
}

/**
 * The contact a /api/v1/contacts/{contact_id}/… path names. A merged-away Contact ID answers 308
 * to the same path under the primary's Contact ID (the method and body are kept, so a client that
 * follows redirects keeps working); an unknown one is a 404.
 */
async function contactFromPath(request: Request, rawKey: string, exec: Executor): Promise<PathContact | { redirect: Response }> {
  const key = contactIdParam.safeParse(rawKey);
  const resolved = key.success ? await resolveContactKey(key.data, exec) : null;
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

/**
 * The door of every /api/v1/contacts/{contact_id}/… handler: the bearer door (bearerRoute), then the
 * contact the path names, answering its 308 or 404 before the work sees it. A GET (scope read) finds
 * it where its reads go (`caller.read()`), a write on the primary.
 */
export function contactRoute<P extends { contactId: string }>(
  request: Request,
  params: Promise<P>,
  scope: ApiScope,
  work: (contact: PathContact, caller: TokenCaller, params: P) => Promise<Response>,
): Promise<Response> {
  return bearerRoute(request, scope, async (caller) => {
    const path = await params;
    const contact = await contactFromPath(request, path.contactId, scope === "read" ? await caller.read() : db);
    return "redirect" in contact ? contact.redirect : work(contact, caller, path);
  });
}
