// GET /api/v1/attributes — the custom attribute definitions, so a client knows which keys and types a contact's attributes have
import { API_HEADERS, presentAttribute } from "@/lib/api/present";
import { listDefinitions } from "@/lib/attributes/definitions";
import { bearerRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return bearerRoute(request, "read", async () => Response.json({ data: (await listDefinitions()).map(presentAttribute) }, { headers: API_HEADERS }));
}
