// GET /api/contacts/export — the list's segment, filter and search (or ticked ids) as CSV, streamed
import { authorize, getSessionState } from "@/lib/auth/session";
import { exportFileName, exportStream, parseExportRequest, prepareExport } from "@/lib/export/export";
import { errorResponse } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    // A route is a public endpoint: the session and the role are checked here, not by the page.
    const user = authorize(await getSessionState(), "contacts.export");
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
  } catch (error) {
    return errorResponse(error);
  }
}
