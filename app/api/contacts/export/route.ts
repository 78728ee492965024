// GET /api/contacts/export — the list's segment, filter and search (or ticked ids) as CSV, streamed
import { getSessionState } from "@/lib/auth/session";
import { exportFileName, exportStream, parseExportRequest, prepareExport } from "@/lib/export/export";
import { guardedRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return guardedRoute(getSessionState, "contacts.export", async (user) => {
    const exportRequest = parseExportRequest(new URL(request.url).searchParams);
    const prepared = await prepareExport(exportRequest, user);
    // Resolves only once the export's audit entry is written and its first rows are read.
    return new Response(await exportStream(prepared, user, { bom: exportRequest.bom }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${exportFileName()}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
