// GET /api/v1/openapi.json — the OpenAPI 3.1 document of /api/v1; public, like any API's reference
import { openApiDocument } from "@/lib/api/openapi/document";

// It depends on the code only: built once, at build time.
export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
