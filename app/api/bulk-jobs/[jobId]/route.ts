// GET /api/bulk-jobs/:jobId — a bulk action's progress, for the progress bar to poll
import { z } from "zod";
import { authorize, getSessionState } from "@/lib/auth/session";
import { getBulkJob } from "@/lib/bulk/jobs";
import { describeJob } from "@/lib/bulk/view";
import { NotFoundError } from "@/lib/errors";
import { errorResponse } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  try {
    authorize(await getSessionState(), "contacts.bulk");
    const jobId = z.uuid().safeParse((await params).jobId);
    if (!jobId.success) throw new NotFoundError("This bulk action no longer exists.");
    const job = await getBulkJob(jobId.data);
    return Response.json({ job, message: describeJob(job) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
