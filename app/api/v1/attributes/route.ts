// GET /api/v1/attributes — the custom attribute definitions, so a client knows which keys and types a contact's attributes have
import { API_HEADERS, presentAttribute } from "@/lib/api/present";
import { listDefinitions } from "@/lib/attributes/definitions";
import { bearerRoute } from "@/lib/http-errors";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return bearerRoute(request, "read", async ({ read }) => Response.json({ data: (await listDefinitions(await read())).map(presentAttribute) }, { headers: API_HEADERS }));
}
