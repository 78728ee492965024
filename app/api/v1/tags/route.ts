// GET /api/v1/tags — every tag, for integrations that tag contacts (SPEC §7)
import { API_HEADERS, presentTag } from "@/lib/api/present";
import { bearerRoute } from "@/lib/http-errors";
import { listTags } from "@/lib/tags/tags";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return bearerRoute(request, "read", async ({ read }) => Response.json({ data: (await listTags(await read())).map(presentTag) }, { headers: API_HEADERS }));
}
