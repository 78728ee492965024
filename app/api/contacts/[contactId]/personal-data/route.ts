// GET /api/contacts/:contactId/personal-data — GDPR access: everything held about one contact, as a JSON download
import { userActor } from "@/lib/audit";
import { getSessionState } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { parseRouteId } from "@/lib/forms";
import { contactAccessExport } from "@/lib/gdpr/access-export";
import { guardedRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(_request: Request, { params }: { params: Promise<{ contactId: string }> }) {
  return guardedRoute(getSessionState, "contacts.access_export", async (user) => {
    const id = parseRouteId((await params).contactId);
    if (!id) throw new NotFoundError("This contact no longer exists.");
    const { contactKey, document } = await contactAccessExport(id, userActor(user));
    // The Contact ID may come from an import: only safe characters go into the header.
    const name = `contact-${contactKey.replace(/[^A-Za-z0-9_-]/g, "_")}-data.json`;
    return new Response(JSON.stringify(document, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
