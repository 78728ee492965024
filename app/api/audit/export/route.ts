// GET /api/audit/export — the audit log's filtered entries (the viewer's URL parameters) as CSV, streamed
import { getSessionState } from "@/lib/auth/session";
import { auditCsvStream } from "@/lib/audit-log/csv";
import { parseAuditParams } from "@/lib/audit-log/params";
import { resolveAuditFilters } from "@/lib/audit-log/query";
import { guardedRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return guardedRoute(getSessionState, "audit.view", async (user) => {
    // The viewer's parser: a value it would ignore (with a notice) is left out here too.
    const { filters } = parseAuditParams(new URL(request.url).searchParams);
    const stream = await auditCsvStream(await resolveAuditFilters(filters), filters, user);
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
