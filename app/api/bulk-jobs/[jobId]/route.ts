// GET /api/bulk-jobs/:jobId — a bulk action's progress: the progress bar polls it (as the import wizard polls /api/imports/:id)
import { z } from "zod";
import { getSessionState } from "@/lib/auth/session";
import { getBulkJob } from "@/lib/bulk/jobs";
import { describeJob } from "@/lib/bulk/view";
import { NotFoundError } from "@/lib/errors";
import { guardedRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  return guardedRoute(getSessionState, "contacts.bulk", async () => {
    const jobId = z.uuid().safeParse((await params).jobId);
    if (!jobId.success) throw new NotFoundError("This bulk action no longer exists.");
    const job = await getBulkJob(jobId.data);
    return Response.json({ job, message: describeJob(job) }, { headers: { "cache-control": "no-store" } });
  });
}
