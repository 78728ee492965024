// POST /api/v1/contacts/batch — up to 1 000 creates or updates, each answered on its own in `results` (more: 422)
import { readJsonBody } from "@/lib/api/body";
import { runContactBatch } from "@/lib/api/contact-batch";
import { contactBatchEnvelope } from "@/lib/api/contact-body";
import { contactWriter } from "@/lib/api/contact-writes";
import { API_HEADERS } from "@/lib/api/present";
import { bearerRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return bearerRoute(request, "write", async (caller) => {
    const { items } = await readJsonBody(request, contactBatchEnvelope);
    return Response.json({ results: await runContactBatch(items, contactWriter(caller)) }, { headers: API_HEADERS });
  });
}
