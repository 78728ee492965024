// POST /api/v1/integrations/:source/contacts — upserts up to 1 000 records of an integration by the workspace's merge settings, each answered in `results` (more: 422)
import { readJsonBody } from "@/lib/api/body";
import { contactWriter } from "@/lib/api/contact-writes";
import { sourceParam, upsertEnvelope } from "@/lib/api/integration-body";
import { runIntegrationUpsert } from "@/lib/api/integration-upsert";
import { API_HEADERS } from "@/lib/api/present";
import { NotFoundError } from "@/lib/errors";
import { bearerRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ source: string }>;
}

export function POST(request: Request, { params }: Context) {
  return bearerRoute(request, "write", async (caller) => {
    const source = sourceParam.safeParse((await params).source);
    if (!source.success) {
      throw new NotFoundError("No such integration source: use up to 40 lower-case letters, digits, _ and -, starting with a letter (e.g. hubspot).");
    }
    const { records } = await readJsonBody(request, upsertEnvelope);
    return Response.json({ results: await runIntegrationUpsert(source.data, records, contactWriter(caller)) }, { headers: API_HEADERS });
  });
}
