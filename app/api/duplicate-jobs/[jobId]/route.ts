// GET /api/duplicate-jobs/:jobId — a duplicate job's progress: the page's progress bar polls it (as the bulk and import progress do)
import { z } from "zod";
import { getSessionState } from "@/lib/auth/session";
import { getDuplicateJob } from "@/lib/duplicates/jobs";
import { NotFoundError } from "@/lib/errors";
import { guardedRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  return guardedRoute(getSessionState, "contacts.merge", async () => {
    const jobId = z.uuid().safeParse((await params).jobId);
    if (!jobId.success) throw new NotFoundError("This duplicate job no longer exists.");
    return Response.json({ job: await getDuplicateJob(jobId.data) }, { headers: { "cache-control": "no-store" } });
  });
}
